#pragma once
// The webhooks module's mounts (called from WebhooksModule::register_routes).
#include "http/router.hpp"
#include "modules/webhooks/delivery_service.hpp"
#include "modules/webhooks/endpoint_service.hpp"

namespace cove::webhooks {

struct WebhooksServices {
  EndpointService& endpoints;
  DeliveryService& deliveries;
};

// Endpoints and their delivery logs, for organisations (/api/v1/orgs/{orgId}/webhooks,
// /api/v1/webhooks/{webhookId}) and for the platform (/api/v1/platform/webhooks).
void mount_endpoint_routes(http::Router& router, const WebhooksServices& s);
// GET /api/v1/webhook-event-types.
void mount_event_type_routes(http::Router& router);

}  // namespace cove::webhooks
