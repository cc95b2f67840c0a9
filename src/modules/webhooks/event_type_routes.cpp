// The event catalogue, for the console's event picker and for people writing receivers.
#include "modules/webhooks/event_catalog.hpp"
#include "modules/webhooks/webhooks_routes.hpp"

namespace cove::webhooks {

void mount_event_type_routes(http::Router& router) {
  router.group("/api/v1/webhook-event-types")
      .get("",
           [](http::Request&) {
             auto items = nlohmann::json::array();
             for (const auto& t : event_catalog()) items.push_back(to_json(t));
             return http::Response::json(200, {{"items", std::move(items)}});
           })
      .open();  // documentation: no secrets, the same as docs/webhooks.md
}

}  // namespace cove::webhooks
