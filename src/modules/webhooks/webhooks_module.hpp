#pragma once
// The webhooks module (issue 17): organisations' and operators' endpoints receive Cove's events,
// signed per Standard Webhooks, from the outbox — after the change committed, never lost across a
// crash, retried on a schedule, with a delivery log (webhooks_api.hpp).
#include <memory>

#include "core/sealed_box.hpp"
#include "http/guarded_fetch.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/module.hpp"
#include "modules/webhooks/delivery_service.hpp"
#include "modules/webhooks/dispatcher.hpp"
#include "modules/webhooks/endpoint_service.hpp"
#include "modules/webhooks/webhooks_api.hpp"
#include "modules/webhooks/webhooks_routes.hpp"

namespace cove::webhooks {

class WebhooksModule final : public modules::Module {
 public:
  WebhooksModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~WebhooksModule() override;

  static std::vector<core::ConfigKey> config_keys();

  std::string_view name() const override { return "webhooks"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& ctx) override;
  void stop() override;

 private:
  std::unique_ptr<core::SealedBox> secret_seal_;
  std::unique_ptr<http::GuardedFetcher> fetcher_;
  std::unique_ptr<EndpointService> endpoints_;
  std::unique_ptr<DeliveryService> deliveries_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<WebhooksServices> services_;
};

}  // namespace cove::webhooks
