#pragma once
// The staged schedule of a gray plan: steps of a growing percentage at increasing times. Pure
// functions over an explicit `now`, so the state machine and the scheduler are tested with any
// clock.
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/gray/plan_model.hpp"

namespace cove::gray {

inline constexpr std::size_t kMaxSteps = 20;

// Reads `[{"percentage": 10, "at": "2026-11-22T10:00:00Z"}, …]`: at most 20 steps, percentages
// 1–100 strictly increasing (nobody who has the new version loses it at the next step), times
// strictly increasing. Problems go to `errors` under `field` ("steps[1].at").
std::optional<std::vector<PlanStep>> parse_steps(const nlohmann::json& doc, core::FieldErrors& errors,
                                                 const std::string& field = "steps");

// How many steps should have taken effect at `now_ms`: never fewer than `applied`.
int due_steps(const std::vector<PlanStep>& steps, int applied, std::int64_t now_ms);

// When the next step not yet applied is due, if any.
std::optional<std::int64_t> next_due_ms(const std::vector<PlanStep>& steps, int applied);

}  // namespace cove::gray
