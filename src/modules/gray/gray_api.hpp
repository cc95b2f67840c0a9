#pragma once
// The gray module's public service interface for the modules after it (DESIGN.md §1): the
// running plans, compiled, with the UID lists they name — what the runtime snapshot evaluates.
#include <memory>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/apps/runtime_view.hpp"
#include "modules/gray/live_plan.hpp"
#include "modules/gray/uid_set_cache.hpp"

namespace cove::gray {

struct RuntimePlan {
  LivePlan plan;
  std::string org_id;
  std::string app_id;
  apps::RuntimeVersion version;  // the package the plan serves, with its signature
  // A release of this or a later version makes the plan moot until it is completed.
  bool newer_than_released = true;
};

struct GrayRuntimeData {
  std::vector<RuntimePlan> plans;  // running plans in evaluation order (priority, then oldest)
  std::shared_ptr<const UidListSets> lists;
};

class GrayApi {
 public:
  virtual ~GrayApi() = default;
  virtual GrayRuntimeData runtime_data(core::Conn& c) const = 0;
};

}  // namespace cove::gray
