#include "modules/gray/rule.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/json_input.hpp"
#include "modules/gray/murmur3.hpp"

namespace cove::gray {

namespace {

constexpr std::array<std::string_view, 11> kAttributes = {"uid",     "platform", "osVersion",  "deviceModel",
                                                          "network", "region",   "sdkVersion", "hostApp",
                                                          "ip",      "now",      "deviceId"};

constexpr core::StringRule kIdRule{.min_chars = 1, .max_chars = 64};

std::optional<Condition> read_condition(const nlohmann::json& doc, core::FieldErrors& errors,
                                        const std::string& at) {
  if (!doc.is_object()) {
    errors.add(at, "invalid_type", "Each condition is an object");
    return std::nullopt;
  }
  core::JsonInput in(doc, errors, at + ".");
  ConditionSpec spec;
  spec.attribute = in.required_string("attribute", {.min_chars = 1, .max_chars = 68});
  spec.op = in.required_string("operator", {.min_chars = 1, .max_chars = 32});
  if (const auto* values = in.take("values")) {
    if (!values->is_array()) {
      errors.add(at + ".values", "invalid_type", "Must be an array of strings");
    } else {
      for (const auto& v : *values) {
        if (!v.is_string()) {
          errors.add(at + ".values", "invalid_type", "Must be an array of strings");
          break;
        }
        spec.values.push_back(v.get<std::string>());
      }
    }
  }
  spec.inverted = in.optional_bool("inverted").value_or(false);
  spec.case_insensitive = in.optional_bool("caseInsensitive").value_or(false);
  in.check_unknown();
  if (!spec.attribute.empty() && !known_attribute(spec.attribute)) {
    errors.add(at + ".attribute", "unknown_attribute",
               "Use uid, platform, osVersion, deviceModel, network, region, sdkVersion, hostApp, ip, now, "
               "deviceId or ctx.<key>");
  }
  if (spec.op.empty()) return std::nullopt;  // already reported as required
  auto compiled = Condition::compile(spec);
  if (auto* error = std::get_if<ConditionError>(&compiled)) {
    errors.add(fmt::format("{}.{}", at, error->field), error->code, error->message);
    return std::nullopt;
  }
  return std::get<Condition>(std::move(compiled));
}

std::optional<RuleGroup> read_group(const nlohmann::json& doc, core::FieldErrors& errors,
                                    const std::string& at) {
  if (!doc.is_object()) {
    errors.add(at, "invalid_type", "Each group is an object");
    return std::nullopt;
  }
  core::JsonInput in(doc, errors, at + ".");
  RuleGroup g;
  if (const auto* conditions = in.take("conditions")) {
    if (!conditions->is_array()) {
      errors.add(at + ".conditions", "invalid_type", "Must be an array");
    } else if (conditions->size() > kMaxConditionsPerGroup) {
      errors.add(at + ".conditions", "too_many",
                 fmt::format("At most {} conditions", kMaxConditionsPerGroup));
    } else {
      for (std::size_t i = 0; i < conditions->size(); ++i) {
        if (auto c = read_condition((*conditions)[i], errors, fmt::format("{}.conditions[{}]", at, i))) {
          g.conditions.push_back(std::move(*c));
        }
      }
    }
  }
  if (const auto* lists = in.take("uidLists")) {
    if (!lists->is_array() || lists->size() > kMaxUidListsPerGroup) {
      errors.add(at + ".uidLists", "invalid", fmt::format("At most {} UID list ids", kMaxUidListsPerGroup));
    } else {
      for (const auto& id : *lists) {
        if (!id.is_string() || !core::check_string(id.get_ref<const std::string&>(), kIdRule).empty()) {
          errors.add(at + ".uidLists", "invalid", "Each entry is a UID list id");
          break;
        }
        g.uid_lists.push_back(id.get<std::string>());
      }
    }
  }
  if (auto p = in.optional_int("percentage", 0, 100)) g.percentage = static_cast<int>(*p);
  g.stickiness = in.optional_string("stickiness", {.min_chars = 1, .max_chars = 68}).value_or("");
  if (!g.stickiness.empty() && g.stickiness != "uid" && g.stickiness != "deviceId" &&
      !(g.stickiness.starts_with("ctx.") && g.stickiness.size() > 4)) {
    errors.add(at + ".stickiness", "unknown_attribute", "Use uid, deviceId or ctx.<key>");
  }
  g.group_id = in.optional_string("groupId", kIdRule).value_or("");
  in.check_unknown();
  return g;
}

}  // namespace

std::optional<std::string_view> stickiness_value(const RuleGroup& g, const Attributes& attributes) {
  if (!g.stickiness.empty()) return attributes.get(g.stickiness);
  if (auto uid = attributes.get("uid"); uid && !uid->empty()) return uid;
  return attributes.get("deviceId");
}

bool known_attribute(std::string_view attribute) {
  if (attribute.starts_with("ctx.")) return attribute.size() > 4 && attribute.size() <= 68;
  for (const auto a : kAttributes) {
    if (a == attribute) return true;
  }
  return false;
}

std::optional<Rule> Rule::parse(const nlohmann::json& doc, core::FieldErrors& out,
                                const std::string& prefix) {
  // Problems of this rule are collected apart, so a caller's earlier field errors do not count.
  core::FieldErrors errors;
  const auto report = [&] {
    for (const auto& [field, e] : errors.fields().items()) {
      out.add(field, e.value("code", ""), e.value("message", ""));
    }
  };
  if (!doc.is_object()) {
    errors.add(prefix.substr(0, prefix.size() - 1), "invalid_type", "The rule is an object with \"groups\"");
    report();
    return std::nullopt;
  }
  core::JsonInput in(doc, errors, prefix);
  Rule rule;
  const auto* groups = in.take("groups");
  if (groups == nullptr || !groups->is_array() || groups->empty()) {
    errors.add(prefix + "groups", "required", "Give at least one group");
  } else if (groups->size() > kMaxGroups) {
    errors.add(prefix + "groups", "too_many", fmt::format("At most {} groups", kMaxGroups));
  } else {
    for (std::size_t i = 0; i < groups->size(); ++i) {
      if (auto g = read_group((*groups)[i], errors, fmt::format("{}groups[{}]", prefix, i))) {
        rule.groups_.push_back(std::move(*g));
      }
    }
  }
  in.check_unknown();
  if (!errors.empty()) {
    report();
    return std::nullopt;
  }
  rule.document_ = doc;
  return rule;
}

bool Rule::matches(const Attributes& attributes, const UidLists& lists, std::string_view plan_id,
                   core::TimePoint now) const {
  for (const auto& g : groups_) {
    bool in = true;
    for (const auto& c : g.conditions) {
      if (!c.matches(attributes, now)) {
        in = false;
        break;
      }
    }
    if (in && !g.uid_lists.empty()) {
      const auto uid = attributes.get("uid");
      in = uid && std::any_of(g.uid_lists.begin(), g.uid_lists.end(),
                              [&](const std::string& list) { return lists.contains(list, *uid); });
    }
    if (in && g.percentage && *g.percentage < 100) {
      const auto value = stickiness_value(g, attributes);
      in = value && !value->empty() && *g.percentage > 0 &&
           rollout_bucket(g.group_id.empty() ? plan_id : std::string_view(g.group_id), *value) <=
               *g.percentage;
    }
    if (in) return true;
  }
  return false;
}

}  // namespace cove::gray
