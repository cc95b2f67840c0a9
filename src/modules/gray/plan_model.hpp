#pragma once
// Gray plans (灰度发布), as stored in `gray_plans`:
//
//   draft ──start──► running ⇄ paused (pause / resume)
//   running | paused ──complete──► completed   (the version is released to everyone)
//   running | paused ──rollback──► rolled_back (everyone is back on the released version)
//
// A running plan serves its version to the users its rule selects. With steps, the rule's
// choice is further limited to a sticky share that grows at the scheduled times.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::gray {

inline constexpr int kDefaultPriority = 100;
inline constexpr int kMaxPriority = 1000;

struct PlanStep {
  int percentage = 0;      // 1..100, strictly increasing along the schedule
  std::int64_t at_ms = 0;  // when it takes effect (strictly increasing)
  bool operator==(const PlanStep&) const = default;
};

struct Plan {
  std::string id;  // gpl_…
  std::string org_id;
  std::string app_id;
  std::string version_id;
  std::string version;
  std::string name;
  nlohmann::json rule;  // validated rule document
  int priority = kDefaultPriority;
  std::vector<PlanStep> steps;
  int applied_steps = 0;
  std::string status = "draft";
  std::string signature;  // of the package, set at start
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t started_ms = 0;  // 0 = never started
  std::int64_t ended_ms = 0;    // 0 = not finished
  bool operator==(const Plan&) const = default;
};

bool live(const Plan& p);      // running or paused
bool finished(const Plan& p);  // completed or rolled_back
// The share of the rule's users who get the version now: nullopt without steps (the rule
// alone decides), else the last applied step's percentage (0 before the first).
std::optional<int> current_percentage(const Plan& p);

nlohmann::json to_json(const Plan& p);
nlohmann::json steps_json(const std::vector<PlanStep>& steps);

}  // namespace cove::gray
