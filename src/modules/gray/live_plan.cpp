#include "modules/gray/live_plan.hpp"

#include "modules/gray/murmur3.hpp"

namespace cove::gray {

std::optional<LivePlan> compile_plan(const Plan& plan) {
  core::FieldErrors errors;
  auto rule = Rule::parse(plan.rule, errors);
  if (!rule) return std::nullopt;
  return LivePlan{plan.id, plan.version, std::move(*rule), current_percentage(plan)};
}

std::optional<std::string_view> rollout_key(const Attributes& attributes) {
  if (auto uid = attributes.get("uid"); uid && !uid->empty()) return uid;
  auto device = attributes.get("deviceId");
  if (device && !device->empty()) return device;
  return std::nullopt;
}

bool in_rollout(const LivePlan& plan, const Attributes& attributes) {
  if (!plan.percentage || *plan.percentage >= 100) return true;
  if (*plan.percentage <= 0) return false;
  const auto key = rollout_key(attributes);
  return key && rollout_bucket(plan.id, *key) <= *plan.percentage;
}

}  // namespace cove::gray
