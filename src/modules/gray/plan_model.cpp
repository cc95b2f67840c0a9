#include "modules/gray/plan_model.hpp"

#include "core/clock.hpp"

namespace cove::gray {

namespace {

nlohmann::json time_or_null(std::int64_t ms) {
  return ms > 0 ? nlohmann::json(core::format_rfc3339_millis(ms)) : nlohmann::json(nullptr);
}

}  // namespace

bool live(const Plan& p) { return p.status == "running" || p.status == "paused"; }
bool finished(const Plan& p) { return p.status == "completed" || p.status == "rolled_back"; }

std::optional<int> current_percentage(const Plan& p) {
  if (p.steps.empty()) return std::nullopt;
  return p.applied_steps == 0 ? 0 : p.steps[static_cast<std::size_t>(p.applied_steps) - 1].percentage;
}

nlohmann::json steps_json(const std::vector<PlanStep>& steps) {
  auto out = nlohmann::json::array();
  for (const auto& s : steps)
    out.push_back({{"percentage", s.percentage}, {"at", core::format_rfc3339_millis(s.at_ms)}});
  return out;
}

nlohmann::json to_json(const Plan& p) {
  auto steps = steps_json(p.steps);
  for (std::size_t i = 0; i < steps.size(); ++i) steps[i]["applied"] = static_cast<int>(i) < p.applied_steps;
  const auto pct = current_percentage(p);
  return {{"id", p.id},
          {"orgId", p.org_id},
          {"appId", p.app_id},
          {"versionId", p.version_id},
          {"version", p.version},
          {"name", p.name},
          {"rule", p.rule},
          {"priority", p.priority},
          {"steps", std::move(steps)},
          {"currentPercentage", pct ? nlohmann::json(*pct) : nlohmann::json(nullptr)},
          {"status", p.status},
          {"createdBy", p.created_by},
          {"createdAt", core::format_rfc3339_millis(p.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(p.updated_ms)},
          {"startedAt", time_or_null(p.started_ms)},
          {"endedAt", time_or_null(p.ended_ms)}};
}

}  // namespace cove::gray
