#pragma once
// What the gray module offers the modules after it (DESIGN.md §1): the runtime catalog part of
// running plans, compiled, with the UID lists they name (source name "gray"); the attributes a
// rule may read, so the runtime accepts exactly those from a request; events and the quota key.
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/event_type.hpp"
#include "modules/apps/runtime_view.hpp"
#include "modules/gray/live_plan.hpp"
#include "modules/gray/uid_set_cache.hpp"

namespace cove::gray {

// The quota this module declares (modules/platform/quota_registry.hpp).
inline constexpr std::string_view kMaxGrayPlans = "maxGrayPlans";

// The runtime catalog part this module provides: a GrayRuntimeData.
inline constexpr std::string_view kCatalogPart = "gray";

// Attributes a runtime request may carry as query parameters, besides ctx.<key> custom ones.
inline constexpr std::array<std::string_view, 8> kRequestAttributes = {
    "uid", "platform", "osVersion", "deviceModel", "network", "region", "sdkVersion", "deviceId"};
// Attributes the server supplies: the calling host app, the client's IP and the time.
inline constexpr std::array<std::string_view, 3> kServerAttributes = {"hostApp", "ip", "now"};
inline constexpr std::string_view kCustomAttributePrefix = "ctx.";
inline constexpr std::size_t kMaxContextKeys = 64;         // attributes in one context
inline constexpr std::size_t kMaxContextKeyBytes = 64;     // a ctx.<key> name, prefix included
inline constexpr std::size_t kMaxContextValueBytes = 256;

struct RuntimePlan {
  LivePlan plan;
  std::string org_id;
  std::string app_id;
  apps::RuntimeVersion version;  // the package the plan serves, with its signature
  // A release of this or a later version makes the plan moot until it is completed.
  bool newer_than_released = true;
};

struct GrayRuntimeData {
  std::vector<RuntimePlan> plans;  // running plans in evaluation order (priority, then oldest)
  std::shared_ptr<const UidListSets> lists;
};

// Events of the gray module (outbox topics; payloads in camelCase JSON).
namespace events {

template <const char* Topic>
struct PlanEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, app_id, plan_id, version, status;
  nlohmann::json percentage;  // the share the plan serves now, or null without steps
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &PlanEvent::org_id),     core::field("appId", &PlanEvent::app_id),
                      core::field("planId", &PlanEvent::plan_id),   core::field("version", &PlanEvent::version),
                      core::field("status", &PlanEvent::status),    core::field("percentage", &PlanEvent::percentage)};
  }
};
inline constexpr char kPlanCreated[] = "gray_plan.created";
inline constexpr char kPlanUpdated[] = "gray_plan.updated";
inline constexpr char kPlanDeleted[] = "gray_plan.deleted";
inline constexpr char kPlanStarted[] = "gray_plan.started";
inline constexpr char kPlanPaused[] = "gray_plan.paused";
inline constexpr char kPlanResumed[] = "gray_plan.resumed";
inline constexpr char kPlanCompleted[] = "gray_plan.completed";
inline constexpr char kPlanRolledBack[] = "gray_plan.rolled_back";
inline constexpr char kPlanStepApplied[] = "gray_plan.step_applied";
using PlanCreated = PlanEvent<kPlanCreated>;
using PlanUpdated = PlanEvent<kPlanUpdated>;
using PlanDeleted = PlanEvent<kPlanDeleted>;
using PlanStarted = PlanEvent<kPlanStarted>;
using PlanPaused = PlanEvent<kPlanPaused>;
using PlanResumed = PlanEvent<kPlanResumed>;
using PlanCompleted = PlanEvent<kPlanCompleted>;
using PlanRolledBack = PlanEvent<kPlanRolledBack>;
using PlanStepApplied = PlanEvent<kPlanStepApplied>;

template <const char* Topic>
struct UidListEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, list_id;
  std::int64_t revision = 0, size = 0;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &UidListEvent::org_id), core::field("listId", &UidListEvent::list_id),
                      core::field("revision", &UidListEvent::revision), core::field("size", &UidListEvent::size)};
  }
};
inline constexpr char kUidListCreated[] = "uid_list.created";
inline constexpr char kUidListUpdated[] = "uid_list.updated";
inline constexpr char kUidListDeleted[] = "uid_list.deleted";
using UidListCreated = UidListEvent<kUidListCreated>;
using UidListUpdated = UidListEvent<kUidListUpdated>;
using UidListDeleted = UidListEvent<kUidListDeleted>;

}  // namespace events

}  // namespace cove::gray
