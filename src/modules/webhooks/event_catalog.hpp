#pragma once
// The event types organisations and operators can subscribe to: the public, typed events of the
// modules before this one (their `<module>_api.hpp`), each with a JSON Schema of its `data` and an
// example, as GET /api/v1/webhook-event-types and docs/webhooks.md show them. Subscriptions name
// types or patterns: "*", "<module>.*" (every type of a module: "apps.*") and "<entity>.*" (a topic
// prefix: "version.*").
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::webhooks {

struct EventTypeInfo {
  std::string type;    // the outbox topic, "version.released"
  std::string module;  // "apps"
  std::string description;
  nlohmann::json schema;   // of the payload's `data`
  nlohmann::json example;  // a `data` that fits the schema
  bool platform_only = false;  // about the platform itself, delivered to operators' endpoints only
};

const std::vector<EventTypeInfo>& event_catalog();
const EventTypeInfo* find_event_type(std::string_view type);
// A subscription entry that names something: "*", a module or entity pattern, or a known type.
bool valid_pattern(std::string_view pattern);
bool pattern_matches(std::string_view pattern, const EventTypeInfo& type);
nlohmann::json to_json(const EventTypeInfo& type);

}  // namespace cove::webhooks
