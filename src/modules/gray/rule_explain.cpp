#include "modules/gray/rule_explain.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "modules/gray/murmur3.hpp"

namespace cove::gray {

namespace {

constexpr std::size_t kValuesShown = 5;

std::string values_text(const nlohmann::json& values) {
  std::string out;
  const std::size_t n = values.is_array() ? values.size() : 0;
  for (std::size_t i = 0; i < n && i < kValuesShown; ++i) {
    if (i > 0) out += ", ";
    out += values[i].get<std::string>();
  }
  if (n > kValuesShown) out += fmt::format(" … ({} more)", n - kValuesShown);
  return out;
}

nlohmann::json explain_condition(const Condition& c, const nlohmann::json& doc, const Attributes& attributes,
                                 core::TimePoint now) {
  const bool held = c.matches(attributes, now);
  const bool inverted = doc.value("inverted", false);
  const auto values = doc.value("values", nlohmann::json::array());
  auto value = attributes.get(c.attribute());
  std::string subject;
  if (value) {
    subject = fmt::format("{} is \"{}\"", c.attribute(), *value);
  } else if (c.attribute() == "now") {
    subject = fmt::format("now is {}", core::format_rfc3339(now));
  } else {
    subject = fmt::format("{} is missing", c.attribute());
  }
  const auto op = operator_name(c.op());
  const auto test = values.empty() ? std::string(op) : fmt::format("{} {}", op, values_text(values));
  return {{"attribute", c.attribute()},
          {"operator", op},
          {"values", values},
          {"inverted", inverted},
          {"caseInsensitive", doc.value("caseInsensitive", false)},
          {"value", value ? nlohmann::json(std::string(*value)) : nlohmann::json(nullptr)},
          {"held", held},
          {"explanation", fmt::format("{}; {}{} {}", subject, inverted ? "NOT " : "", test,
                                      held ? "holds" : "does not hold")}};
}

nlohmann::json explain_lists(const RuleGroup& g, const Attributes& attributes, const UidLists& lists,
                             bool& held) {
  const auto uid = attributes.get("uid");
  std::string names;
  for (const auto& l : g.uid_lists) {
    if (!names.empty()) names += ", ";
    names += l;
  }
  if (!uid) {
    held = false;
    return {{"held", false},
            {"explanation", fmt::format("uid is missing, so it is in none of the lists {}", names)}};
  }
  for (const auto& l : g.uid_lists) {
    if (lists.contains(l, *uid)) {
      held = true;
      return {
          {"held", true}, {"list", l}, {"explanation", fmt::format("uid \"{}\" is in the list {}", *uid, l)}};
    }
  }
  held = false;
  return {{"held", false},
          {"explanation", fmt::format("uid \"{}\" is in none of the lists {}", *uid, names)}};
}

nlohmann::json explain_percentage(const RuleGroup& g, const Attributes& attributes, std::string_view plan_id,
                                  bool& held) {
  const int pct = *g.percentage;
  if (pct >= 100) {
    held = true;
    return {
        {"held", true}, {"percentage", pct}, {"bucket", nullptr}, {"explanation", "100 % includes everyone"}};
  }
  const auto attr = g.stickiness.empty() ? std::string("uid (or deviceId)") : g.stickiness;
  const auto value = stickiness_value(g, attributes);
  if (!value || value->empty() || pct <= 0) {
    held = false;
    return {{"held", false},
            {"percentage", pct},
            {"bucket", nullptr},
            {"explanation", pct <= 0
                                ? std::string("0 % includes nobody")
                                : fmt::format("{} is missing, so the user cannot be kept in a share", attr)}};
  }
  const std::string_view group_id = g.group_id.empty() ? plan_id : std::string_view(g.group_id);
  const int bucket = rollout_bucket(group_id, *value);
  held = bucket <= pct;
  return {{"held", held},
          {"percentage", pct},
          {"bucket", bucket},
          {"explanation", fmt::format("{} \"{}\" falls in bucket {} of 100 for group \"{}\"; {} when ≤ {}",
                                      attr, *value, bucket, group_id, held ? "in" : "out", pct)}};
}

}  // namespace

Verdict explain_rule(const Rule& rule, const Attributes& attributes, const UidLists& lists,
                     std::string_view plan_id, core::TimePoint now) {
  Verdict v;
  auto groups = nlohmann::json::array();
  const auto& docs = rule.document().at("groups");
  for (std::size_t gi = 0; gi < rule.groups().size(); ++gi) {
    const auto& g = rule.groups()[gi];
    const auto& gdoc = docs[gi];
    bool in = true;
    auto conditions = nlohmann::json::array();
    const auto cdocs = gdoc.value("conditions", nlohmann::json::array());
    for (std::size_t ci = 0; ci < g.conditions.size(); ++ci) {
      auto c = explain_condition(g.conditions[ci], cdocs.at(ci), attributes, now);
      in = in && c["held"].get<bool>();
      conditions.push_back(std::move(c));
    }
    nlohmann::json list_part = nullptr;
    if (!g.uid_lists.empty()) {
      bool held = false;
      list_part = explain_lists(g, attributes, lists, held);
      in = in && held;
    }
    nlohmann::json pct_part = nullptr;
    if (g.percentage) {
      bool held = false;
      pct_part = explain_percentage(g, attributes, plan_id, held);
      in = in && held;
    }
    if (in && !v.matched) {
      v.matched = true;
      v.group = static_cast<int>(gi);
    }
    groups.push_back({{"index", gi},
                      {"matched", in},
                      {"conditions", std::move(conditions)},
                      {"uidLists", std::move(list_part)},
                      {"percentage", std::move(pct_part)}});
  }
  v.explanation = {{"matched", v.matched},
                   {"group", v.matched ? nlohmann::json(v.group) : nlohmann::json(nullptr)},
                   {"groups", std::move(groups)}};
  return v;
}

Verdict explain_plan(const LivePlan& plan, const Attributes& attributes, const UidLists& lists,
                     core::TimePoint now) {
  auto v = explain_rule(plan.rule, attributes, lists, plan.id, now);
  nlohmann::json rollout = nullptr;
  if (plan.percentage) {
    const bool in = in_rollout(plan, attributes);
    const auto key = rollout_key(attributes);
    const int pct = *plan.percentage;
    std::string why;
    if (pct >= 100) {
      why = "the schedule is at 100 %: everyone the rule selects";
    } else if (pct <= 0) {
      why = "the schedule has not reached its first step: nobody yet";
    } else if (!key) {
      why = "uid and deviceId are missing, so the user cannot be kept in a share";
    } else {
      why = fmt::format("\"{}\" falls in bucket {} of 100; {} when ≤ {}", *key, rollout_bucket(plan.id, *key),
                        in ? "in" : "out", pct);
    }
    rollout = {{"held", in}, {"percentage", pct}, {"explanation", why}};
    if (!in) {
      v.matched = false;
      v.group = -1;
    }
  }
  v.explanation["rollout"] = std::move(rollout);
  v.explanation["matched"] = v.matched;
  v.explanation["group"] = v.matched ? nlohmann::json(v.group) : nlohmann::json(nullptr);
  return v;
}

}  // namespace cove::gray
