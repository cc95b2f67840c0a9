#pragma once
// A gray-release rule (issue 5): an OR of groups; a group is an AND of conditions, optionally a
// membership in UID lists and optionally a sticky percentage. A group with none of these matches
// everyone. The JSON shape is fixed, so tools and the console share it:
//
//   {"groups":[{"conditions":[{"attribute":"osVersion","operator":"VERSION_GTE","values":["17.2"],
//     "inverted":false,"caseInsensitive":false}],"uidLists":["ulst_…"],"percentage":30,
//     "stickiness":"uid","groupId":"…"}]}
//
// Percentage: Unleash-compatible sticky bucketing — bucket = murmur3("<groupId>:<value>") % 100 + 1,
// in when bucket ≤ percentage; groupId defaults to the plan id, stickiness to `uid` (falling back
// to `deviceId`). A request without the stickiness value is outside any partial rollout (it cannot
// be kept sticky); 100 % includes it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/gray/condition.hpp"

namespace cove::gray {

inline constexpr std::size_t kMaxGroups = 20;
inline constexpr std::size_t kMaxConditionsPerGroup = 20;
inline constexpr std::size_t kMaxUidListsPerGroup = 10;

// UID list membership, answered by whoever holds the lists (the runtime snapshot: O(1) sets).
class UidLists {
 public:
  virtual ~UidLists() = default;
  virtual bool contains(std::string_view list_id, std::string_view uid) const = 0;
};

// Attributes a condition may name; `ctx.<key>` names a custom one the host app sends.
bool known_attribute(std::string_view attribute);

struct RuleGroup {
  std::vector<Condition> conditions;
  std::vector<std::string> uid_lists;
  std::optional<int> percentage;
  std::string stickiness;  // "" = uid, then deviceId
  std::string group_id;    // "" = the plan's id
};

// The value a group's percentage sticks to, if the request has one: its `stickiness` attribute,
// by default `uid`, else `deviceId`.
std::optional<std::string_view> stickiness_value(const RuleGroup& g, const Attributes& attributes);

class Rule {
 public:
  // Reads and compiles a rule document, recording every problem in `errors` with field names
  // under `prefix` (e.g. "rule.groups[0].conditions[1].operator"); nullopt when there was any.
  static std::optional<Rule> parse(const nlohmann::json& doc, core::FieldErrors& errors,
                                   const std::string& prefix = "rule.");

  // `plan_id` is the default groupId for percentages.
  bool matches(const Attributes& attributes, const UidLists& lists, std::string_view plan_id,
               core::TimePoint now) const;

  const std::vector<RuleGroup>& groups() const { return groups_; }
  const nlohmann::json& document() const { return document_; }  // as validated, for storage

 private:
  std::vector<RuleGroup> groups_;
  nlohmann::json document_;
};

}  // namespace cove::gray
