#pragma once
// Gray plans: create (a version newer than the released one, a validated rule, a priority, an
// optional step schedule), edit until finished, delete drafts, and the state machine of
// plan_model.hpp. Every change writes the operation log and an outbox event in its transaction,
// so the runtime snapshot follows within milliseconds.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.hpp"
#include "core/page.hpp"
#include "modules/gray/gray_context.hpp"
#include "modules/gray/plan_model.hpp"

namespace cove::gray {

struct PlanFields {
  std::optional<std::string> version;  // create only
  std::optional<std::string> name;
  std::optional<nlohmann::json> rule;  // already checked by Rule::parse
  std::optional<int> priority;
  std::optional<std::vector<PlanStep>> steps;
};

enum class PlanAction { kStart, kPause, kResume, kComplete, kRollback };
std::string_view action_name(PlanAction a);

class PlanService {
 public:
  explicit PlanService(GrayContext& ctx) : ctx_(ctx) {}

  Plan create(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
              const PlanFields& fields);
  Plan get(const std::string& org_id, const std::string& plan_id) const;
  std::vector<Plan> list(const std::string& org_id, const std::string& app_id,
                         const std::optional<std::string>& status, const core::PageRequest& page) const;
  Plan update(const core::Actor& actor, const std::string& org_id, const std::string& plan_id,
              const PlanFields& fields);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& plan_id);
  Plan act(const core::Actor& actor, const std::string& org_id, const std::string& plan_id,
           PlanAction action);

  // The scheduler's tick: applies every step that is due at `now_ms` to running plans, one
  // operation-log entry per step. Returns how many steps took effect.
  int apply_due_steps(std::int64_t now_ms);
  // A version was released by other means: plans serving it to some users are complete.
  void version_released(const std::string& org_id, const std::string& version_id);

 private:
  GrayContext& ctx_;
};

}  // namespace cove::gray
