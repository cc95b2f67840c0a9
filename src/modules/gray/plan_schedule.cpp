#include "modules/gray/plan_schedule.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace cove::gray {

std::optional<std::vector<PlanStep>> parse_steps(const nlohmann::json& doc, core::FieldErrors& errors,
                                                 const std::string& field) {
  if (!doc.is_array()) {
    errors.add(field, "invalid_type", "Steps are an array of {percentage, at}");
    return std::nullopt;
  }
  if (doc.size() > kMaxSteps) {
    errors.add(field, "too_many", fmt::format("At most {} steps", kMaxSteps));
    return std::nullopt;
  }
  std::vector<PlanStep> steps;
  bool ok = true;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const auto at = fmt::format("{}[{}]", field, i);
    const auto& s = doc[i];
    if (!s.is_object()) {
      errors.add(at, "invalid_type", "A step is an object {percentage, at}");
      ok = false;
      continue;
    }
    PlanStep step;
    for (const auto& [key, value] : s.items()) {
      if (key != "percentage" && key != "at") {
        errors.add(fmt::format("{}.{}", at, key), "unknown_field", "A step has only percentage and at");
        ok = false;
      }
    }
    const auto pct = s.find("percentage");
    if (pct == s.end() || !pct->is_number_integer() || *pct < 1 || *pct > 100) {
      errors.add(at + ".percentage", "out_of_range", "An integer from 1 to 100");
      ok = false;
    } else {
      step.percentage = pct->get<int>();
    }
    const auto when = s.find("at");
    core::TimePoint t;
    if (when == s.end() || !when->is_string() || !core::parse_rfc3339(when->get<std::string>(), t)) {
      errors.add(at + ".at", "invalid_time", "An RFC 3339 time, e.g. 2026-11-22T10:00:00Z");
      ok = false;
    } else {
      step.at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    }
    if (ok && !steps.empty()) {
      if (step.percentage <= steps.back().percentage) {
        errors.add(at + ".percentage", "not_increasing",
                   "Each step gives the version to more users than the last");
        ok = false;
      }
      if (step.at_ms <= steps.back().at_ms) {
        errors.add(at + ".at", "not_increasing", "Each step comes after the previous one");
        ok = false;
      }
    }
    steps.push_back(step);
  }
  if (!ok) return std::nullopt;
  return steps;
}

int due_steps(const std::vector<PlanStep>& steps, int applied, std::int64_t now_ms) {
  int due = applied;
  while (due < static_cast<int>(steps.size()) && steps[static_cast<std::size_t>(due)].at_ms <= now_ms) ++due;
  return due;
}

std::optional<std::int64_t> next_due_ms(const std::vector<PlanStep>& steps, int applied) {
  if (applied >= static_cast<int>(steps.size())) return std::nullopt;
  return steps[static_cast<std::size_t>(applied)].at_ms;
}

}  // namespace cove::gray
