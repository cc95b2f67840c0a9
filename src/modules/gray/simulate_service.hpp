#pragma once
// Answers "what would this user get, and why?" without a device: the simulation of a
// mini-program's running plans for a context, the evaluation of any rule (for tooling and the
// console's rule builder), and the rollout preview of a plan over a sample of users.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "modules/gray/context_attributes.hpp"
#include "core/db.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/gray/rule_explain.hpp"
#include "modules/gray/uid_set_cache.hpp"

namespace cove::gray {

inline constexpr int kMaxPreviewSample = 100'000;

struct PreviewRequest {
  std::optional<std::string> uid_list;  // every member of this list of the plan's organisation
  std::optional<int> sample;            // or N synthetic users "preview-user-1" … "preview-user-N"
  ContextAttributes context;            // attributes every sampled user shares
};

class SimulateService {
 public:
  SimulateService(core::Db& db, const apps::AppsApi& apps) : db_(db), apps_(apps) {}

  // The running plans of the mini-program in evaluation order, each explained; the first that
  // selects the user decides, else the released version.
  nlohmann::json simulate(const std::string& org_id, const std::string& app_id,
                          const ContextAttributes& context, core::TimePoint now) const;
  // Any rule; UID lists are looked up only in organisations where `principal` may read apps.
  Verdict evaluate(const core::Principal& principal, const Rule& rule, const ContextAttributes& context,
                   core::TimePoint now) const;
  // {sampleSize, selected, share, percentage}: how many of the sample the plan would select now.
  nlohmann::json preview(const std::string& org_id, const std::string& plan_id, const PreviewRequest& request,
                         core::TimePoint now) const;

 private:
  core::Db& db_;
  const apps::AppsApi& apps_;
};

}  // namespace cove::gray
