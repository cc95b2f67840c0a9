#pragma once
// A running plan compiled for evaluation: what the runtime snapshot holds and the simulation
// explains. A user gets the plan's version when the rule selects them and, while a step schedule
// runs, their sticky bucket (over "<planId>:<uid or deviceId>") is within the current step.
#include <optional>
#include <string>
#include <string_view>

#include "modules/gray/plan_model.hpp"
#include "modules/gray/rule.hpp"

namespace cove::gray {

struct LivePlan {
  std::string id;
  std::string version;
  Rule rule;
  std::optional<int> percentage;  // the step schedule's share; nullopt = no schedule
};

// A stored plan compiled for evaluation; nullopt if its rule no longer compiles (it was validated
// when saved, so only a change in the rule language could cause that).
std::optional<LivePlan> compile_plan(const Plan& plan);

// The value a step rollout sticks to: uid, else deviceId.
std::optional<std::string_view> rollout_key(const Attributes& attributes);

// Whether the step schedule lets this user in (always without a schedule; 100 % lets everyone in).
bool in_rollout(const LivePlan& plan, const Attributes& attributes);

inline bool selects(const LivePlan& plan, const Attributes& attributes, const UidLists& lists,
                    core::TimePoint now) {
  return in_rollout(plan, attributes) && plan.rule.matches(attributes, lists, plan.id, now);
}

}  // namespace cove::gray
