#pragma once
// Gray plans: create (a version newer than the released one, a validated rule, a priority, an
// optional step schedule), edit until finished, delete drafts, and the state machine of
// plan_model.hpp. Every change writes the operation log and an outbox event in its transaction,
// so the runtime snapshot follows within milliseconds.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
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
  // `apps` answers which versions a plan may serve and releases a completed plan's version;
  // `quotas` bounds the running plans of an organisation (maxGrayPlans).
  PlanService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, apps::AppsApi& apps,
              const accounts::Quotas& quotas)
      : db_(db), changes_(changes), clock_(clock), apps_(apps), quotas_(quotas) {}

  Plan create(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
              const PlanFields& fields);
  Plan get(const std::string& org_id, const std::string& plan_id) const;
  core::Page<Plan> list(const std::string& org_id, const std::string& app_id,
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
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  apps::AppsApi& apps_;
  const accounts::Quotas& quotas_;
};

}  // namespace cove::gray
