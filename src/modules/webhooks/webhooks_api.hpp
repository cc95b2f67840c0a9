#pragma once
// The webhooks module's public face (issue 17): the events it emits about its own endpoints, for
// the notification module to tell owners. Deliveries themselves are not events.
#include <string>
#include <string_view>
#include <tuple>

#include "core/event_type.hpp"

namespace cove::webhooks {

// Organisations may keep this many endpoints by default (quota key, operators raise it).
inline constexpr std::string_view kMaxWebhookEndpoints = "maxWebhookEndpoints";

namespace events {

// An endpoint was switched off by Cove: its receiver answered 410 Gone (`reason` "gone") or kept
// failing for five days ("failing").
struct EndpointDisabled {
  static constexpr std::string_view kTopic = "webhook_endpoint.disabled";
  std::string org_id, endpoint_id, url, reason;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &EndpointDisabled::org_id),
                      core::field("endpointId", &EndpointDisabled::endpoint_id),
                      core::field("url", &EndpointDisabled::url), core::field("reason", &EndpointDisabled::reason)};
  }
};

}  // namespace events

}  // namespace cove::webhooks
