#pragma once
// Explains a rule's decision for one context, group by group and condition by condition, in
// words a person can read ("osVersion is \"17.1\"; VERSION_GTE 17.2 does not hold"). Used by the
// simulation and evaluation endpoints; its verdict always equals Rule::matches (a test checks).
#include <string_view>

#include <nlohmann/json.hpp>

#include "modules/gray/live_plan.hpp"
#include "modules/gray/rule.hpp"

namespace cove::gray {

struct Verdict {
  bool matched = false;
  int group = -1;  // the first group that matched
  nlohmann::json explanation;
};

// {"groups":[{"index", "matched", "conditions":[{attribute, operator, values, inverted, value,
//   held, explanation}], "uidLists": {held, explanation} | null, "percentage": {held, bucket,
//   explanation} | null}]}
Verdict explain_rule(const Rule& rule, const Attributes& attributes, const UidLists& lists,
                     std::string_view plan_id, core::TimePoint now);

// The rule plus the plan's step schedule: {"matched", "group", "rollout": {...} | null, "groups": [...]}.
Verdict explain_plan(const LivePlan& plan, const Attributes& attributes, const UidLists& lists,
                     core::TimePoint now);

}  // namespace cove::gray
