#include "unleash_spec.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "core/error.hpp"

namespace cove::conformance {

namespace {

// A value as Unleash compares it: strings as they are, numbers and booleans as their JSON text.
std::string text_of(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// "123, 222, 88" → ["123", "222", "88"], as Unleash splits userIds and IPs (/\s*,\s*/).
nlohmann::json split_list(std::string_view list) {
  auto out = nlohmann::json::array();
  while (true) {
    const auto comma = list.find(',');
    out.push_back(trim(list.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

std::string parameter(const nlohmann::json& strategy, const std::string& name) {
  const auto& params = strategy.value("parameters", nlohmann::json::object());
  if (!params.is_object() || !params.contains(name) || params[name].is_null()) return "";
  return text_of(params[name]);
}

// Unleash reads a percentage with Number(): anything that is not a whole number in 0..100 can
// never pass `bucket <= percentage` usefully, so it is clamped (NaN → 0).
int percentage_of(const std::string& text) {
  int p = 0;
  const auto t = trim(text);
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), p);
  if (ec != std::errc() || end != t.data() + t.size()) return 0;
  return std::clamp(p, 0, 100);
}

nlohmann::json condition_of(const nlohmann::json& constraint) {
  auto values = nlohmann::json::array();
  if (constraint.contains("value")) {
    values.push_back(text_of(constraint["value"]));
  } else {
    for (const auto& v : constraint.value("values", nlohmann::json::array())) values.push_back(text_of(v));
  }
  nlohmann::json c = {{"attribute", attribute_for(constraint.value("contextName", ""))},
                      {"operator", constraint.value("operator", "")},
                      {"values", std::move(values)}};
  if (constraint.value("inverted", false)) c["inverted"] = true;
  if (constraint.value("caseInsensitive", false)) c["caseInsensitive"] = true;
  return c;
}

// A sticky percentage; "" stickiness is Cove's default (uid, then deviceId), like Unleash's
// "default" (userId, then sessionId). Returns false for a partial random rollout, which has no
// deterministic expectation and no Cove equivalent.
bool add_rollout(nlohmann::json& group, int percentage, const std::string& stickiness,
                 const std::string& group_id) {
  if (stickiness == "random") {
    if (percentage != 0 && percentage != 100) return false;
  } else if (!stickiness.empty()) {
    // Translated as it is, with no condition added: where Cove's answer then differs from
    // Unleash's (a 100 % rollout over an attribute the context lacks), the test is listed as
    // "differs" in unleash-skips.json, so the difference is recorded rather than hidden.
    group["stickiness"] = stickiness;
  }
  group["percentage"] = percentage;
  // An empty groupId falls back to the plan id, which the runner sets to the feature name, as
  // flexibleRollout does (`parameters.groupId || context.featureToggle`).
  if (!group_id.empty()) group["groupId"] = group_id;
  return true;
}

std::string stickiness_attribute(const std::string& unleash) {
  if (unleash.empty() || unleash == "default") return "";
  if (unleash == "random") return "random";
  return attribute_for(unleash);
}

// One strategy as one group; false when the strategy cannot be translated (`scope` says why).
bool add_group(nlohmann::json& groups, const nlohmann::json& strategy, const nlohmann::json& segments,
               std::string& scope) {
  nlohmann::json group = {{"conditions", nlohmann::json::array()}};
  const auto never = [&] { groups.push_back({{"percentage", 0}}); };  // 0 % matches nobody
  for (const auto& id : strategy.value("segments", nlohmann::json::array())) {
    const nlohmann::json* segment = nullptr;
    if (segments.is_array()) {
      for (const auto& s : segments) {
        if (s.value("id", nlohmann::json()) == id) segment = &s;
      }
    }
    if (segment == nullptr) return never(), true;  // a missing segment turns the strategy off
    for (const auto& c : segment->value("constraints", nlohmann::json::array())) {
      group["conditions"].push_back(condition_of(c));
    }
  }
  for (const auto& c : strategy.value("constraints", nlohmann::json::array())) {
    group["conditions"].push_back(condition_of(c));
  }
  const auto name = strategy.value("name", "");
  if (name == "default") {
    // everyone who meets the constraints
  } else if (name == "userWithId") {
    group["conditions"].push_back(
        {{"attribute", "uid"}, {"operator", "IN"}, {"values", split_list(parameter(strategy, "userIds"))}});
  } else if (name == "remoteAddress") {
    group["conditions"].push_back(
        {{"attribute", "ip"}, {"operator", "IN_CIDR"}, {"values", split_list(parameter(strategy, "IPs"))}});
  } else if (name == "gradualRolloutUserId" || name == "gradualRolloutSessionId" ||
             name == "gradualRolloutRandom") {
    const std::string stickiness = name == "gradualRolloutUserId"      ? "uid"
                                   : name == "gradualRolloutSessionId" ? "deviceId"
                                                                       : "random";
    if (!add_rollout(group, percentage_of(parameter(strategy, "percentage")), stickiness,
                     parameter(strategy, "groupId"))) {
      scope = "random-rollout";
      return false;
    }
  } else if (name == "flexibleRollout") {
    if (!add_rollout(group, percentage_of(parameter(strategy, "rollout")),
                     stickiness_attribute(parameter(strategy, "stickiness")),
                     parameter(strategy, "groupId"))) {
      scope = "random-rollout";
      return false;
    }
  } else {
    return never(), true;  // Unleash evaluates a strategy it does not know as false
  }
  if (group["conditions"].empty()) group.erase("conditions");
  groups.push_back(std::move(group));
  return true;
}

}  // namespace

std::filesystem::path spec_dir() {
  return std::filesystem::path(COVE_SOURCE_DIR) / "tests/conformance/unleash-client-specification";
}

std::filesystem::path skips_file() {
  return std::filesystem::path(COVE_SOURCE_DIR) / "tests/conformance/unleash-skips.json";
}

nlohmann::json load_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}", file.string()));
  return nlohmann::json::parse(in);
}

std::string attribute_for(std::string_view context_name) {
  if (context_name == "userId") return "uid";
  if (context_name == "sessionId") return "deviceId";
  if (context_name == "remoteAddress") return "ip";
  if (context_name == "currentTime") return "now";
  return fmt::format("ctx.{}", context_name);
}

UnleashContext::UnleashContext(const nlohmann::json& context) {
  if (context.contains("properties") && context["properties"].is_object()) {
    for (const auto& [name, v] : context["properties"].items()) {
      if (v.is_string()) values_[attribute_for(name)] = v.get<std::string>();
    }
  }
  for (const auto& [key, value] : context.items()) {
    if (key != "properties" && value.is_string()) values_[attribute_for(key)] = value.get<std::string>();
  }
}

std::optional<std::string_view> UnleashContext::get(std::string_view attribute) const {
  const auto it = values_.find(attribute);
  if (it == values_.end()) return std::nullopt;
  return std::string_view(it->second);
}

Translation translate_feature(const nlohmann::json& feature, const nlohmann::json& segments) {
  Translation t;
  if (!feature.value("enabled", false)) return t;  // kOff
  if (!feature.value("dependencies", nlohmann::json::array()).empty()) {
    t.kind = Translation::Kind::kOutOfScope;
    t.scope = "dependencies";
    return t;
  }
  auto groups = nlohmann::json::array();
  const auto& strategies = feature.value("strategies", nlohmann::json::array());
  for (const auto& strategy : strategies) {
    if (!add_group(groups, strategy, segments, t.scope)) {
      t.kind = Translation::Kind::kOutOfScope;
      return t;
    }
  }
  if (strategies.empty()) groups.push_back(nlohmann::json::object());  // on for everyone
  t.document = {{"groups", std::move(groups)}};
  core::FieldErrors errors;
  t.rule = gray::Rule::parse(t.document, errors);
  if (t.rule) {
    t.kind = Translation::Kind::kRule;
  } else {
    t.kind = Translation::Kind::kRefused;
    for (const auto& [field, e] : errors.fields().items()) t.codes.push_back(e.value("code", ""));
    t.errors = errors.fields().dump();
  }
  return t;
}

std::vector<Skip> load_skips(const std::filesystem::path& file, std::vector<std::string>& problems) {
  static const std::set<std::string> kKinds = {"variants", "dependencies", "delta-api", "refused-at-save",
                                               "differs"};
  std::vector<Skip> skips;
  const auto doc = load_json(file);
  if (!doc.is_array()) {
    problems.push_back("the skip file is a JSON array of entries");
    return skips;
  }
  for (const auto& e : doc) {
    Skip s;
    s.suite = e.value("suite", "");
    s.list = e.value("list", "tests");
    s.test = e.value("test", "");
    s.kind = e.value("kind", "");
    s.code = e.value("code", "");
    s.reason = e.value("reason", "");
    const auto where = fmt::format("skip {} / {} / {}", s.suite, s.list, s.test);
    if (s.suite.empty() || s.test.empty()) problems.push_back(where + ": needs suite and test");
    if (s.list != "tests" && s.list != "variantTests") problems.push_back(where + ": unknown list");
    if (!kKinds.contains(s.kind)) problems.push_back(fmt::format("{}: unknown kind '{}'", where, s.kind));
    if (s.reason.empty()) problems.push_back(where + ": needs a reason");
    if (s.kind == "refused-at-save" && (s.test == "*" || s.code.empty())) {
      problems.push_back(where + ": a refusal names one test and the field-error code Cove gives");
    }
    for (const auto& [key, v] : e.items()) {
      static const std::set<std::string> kKeys = {"suite", "list", "test", "kind", "code", "reason"};
      if (!kKeys.contains(key)) problems.push_back(fmt::format("{}: unknown key '{}'", where, key));
    }
    skips.push_back(std::move(s));
  }
  return skips;
}

Report run_spec(std::vector<Skip>& skips) {
  Report report;
  const auto find_skip = [&](const std::string& suite, const std::string& list,
                             const std::string& test) -> Skip* {
    Skip* wildcard = nullptr;
    for (auto& s : skips) {
      if (s.suite != suite || s.list != list) continue;
      if (s.test == test) return &s;
      if (s.test == "*") wildcard = &s;
    }
    return wildcard;
  };
  const auto now = std::chrono::system_clock::now();
  struct NoLists final : gray::UidLists {
    bool contains(std::string_view, std::string_view) const override { return false; }
  } no_lists;

  for (const auto& name : load_json(spec_dir() / "index.json")) {
    const auto suite_name = name.get<std::string>();
    const auto suite = load_json(spec_dir() / suite_name);
    const auto& state = suite.value("state", nlohmann::json::object());
    const bool delta = state.contains("events");  // the delta API's event stream, not a state
    std::map<std::string, Translation> features;
    if (!delta) {
      for (const auto& f : state.value("features", nlohmann::json::array())) {
        features.emplace(f.value("name", ""),
                         translate_feature(f, state.value("segments", nlohmann::json::array())));
      }
    }
    for (const std::string list : {"tests", "variantTests"}) {
      for (const auto& t : suite.value(list, nlohmann::json::array())) {
        const auto description = t.value("description", "");
        const auto where = fmt::format("{} / {}: {}", suite_name, list, description);
        const auto toggle = t.value("toggleName", "");
        const auto found = features.find(toggle);
        const Translation* tr = found == features.end() ? nullptr : &found->second;

        // What keeps this test from running, if anything.
        std::string kind;
        if (list == "variantTests") {
          kind = "variants";
        } else if (delta) {
          kind = "delta-api";
        } else if (tr != nullptr && tr->kind == Translation::Kind::kOutOfScope) {
          kind = tr->scope;
        } else if (tr != nullptr && tr->kind == Translation::Kind::kRefused) {
          kind = "refused-at-save";
        }
        Skip* skip = find_skip(suite_name, list, description);
        if (!kind.empty()) {
          if (skip == nullptr || skip->kind != kind) {
            report.failures.push_back(fmt::format(
                "{}: does not run ({}{}) and is not listed as such in unleash-skips.json", where, kind,
                tr != nullptr && !tr->errors.empty() ? fmt::format(", {}", tr->errors) : std::string()));
            continue;
          }
          if (kind == "refused-at-save" &&
              std::find(tr->codes.begin(), tr->codes.end(), skip->code) == tr->codes.end()) {
            report.failures.push_back(fmt::format("{}: listed as refused with {}, but Cove's errors are {}",
                                                  where, skip->code, tr->errors));
            continue;
          }
          ++skip->used;
          ++report.skipped;
          if (kind == "refused-at-save") ++report.refused;
          ++report.skipped_by_suite[fmt::format("{} ({})", suite_name, kind)];
          continue;
        }

        // A toggle the state does not define is off.
        const bool enabled = tr != nullptr && tr->kind == Translation::Kind::kRule &&
                             tr->rule->matches(UnleashContext(t.value("context", nlohmann::json::object())),
                                               no_lists, toggle, now);
        const bool expected = t.value("expectedResult", false);
        if (skip != nullptr && skip->test == description) {
          ++skip->used;
          if (skip->kind == "differs" && enabled != expected) {  // the recorded difference, still true
            ++report.skipped;
            ++report.differs;
            ++report.skipped_by_suite[fmt::format("{} (differs)", suite_name)];
            continue;
          }
          report.failures.push_back(
              fmt::format("{}: listed as {} in unleash-skips.json but now runs ({}); remove the entry", where,
                          skip->kind, enabled == expected ? "and passes" : "and fails"));
          continue;
        }
        if (enabled != expected) {
          report.failures.push_back(fmt::format(
              "{}: expected {}, got {}; context {}; rule {}", where, expected, enabled,
              t.value("context", nlohmann::json()).dump(), tr != nullptr ? tr->document.dump() : "(none)"));
          continue;
        }
        ++report.passed;
      }
    }
  }
  for (const auto& s : skips) {
    if (s.used == 0) {
      report.failures.push_back(fmt::format("unleash-skips.json: {} / {} / {} ({}) matches no skipped test",
                                            s.suite, s.list, s.test, s.kind));
    }
  }
  return report;
}

}  // namespace cove::conformance
