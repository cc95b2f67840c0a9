#include "modules/webhooks/webhooks_module.hpp"

#include "modules/webhooks/endpoint_repo.hpp"

namespace cove::webhooks {

WebhooksModule::WebhooksModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps) {
  // Receivers verify with these secrets, so they are sealed (recoverable), with their own key.
  secret_seal_ = std::make_unique<core::SealedBox>(app.secrets.random_key("webhook-secret-seal.key"));
  fetcher_ = http::make_guarded_fetcher();
  const UrlPolicy policy{.allow_http = app.config.flag("webhooks.allowHttp"),
                         .allow_private_addresses = app.config.flag("webhooks.allowPrivateAddresses")};
  endpoints_ = std::make_unique<EndpointService>(app.db, app.changes, app.clock, *secret_seal_, accounts.quotas(),
                                                 apps, policy);
  DeliveryOptions options;
  options.fetch.allow_http = policy.allow_http;
  options.fetch.allow_private_addresses = policy.allow_private_addresses;
  options.fetch.max_redirects = 0;  // a redirect answer is a failure, never followed
  options.fetch.max_bytes = 64 * 1024;
  options.fetch.truncate_body = true;
  options.fetch.total_timeout = std::chrono::seconds(app.config.integer("webhooks.timeoutSeconds"));
  options.fetch.connect_timeout = std::min(options.fetch.total_timeout, std::chrono::milliseconds(5000));
  options.fetch.ca_file = app.config.text("webhooks.caFile");
  options.fetch.user_agent = "Cove-Webhooks/1";
  options.fetch.keep_alive = true;  // each worker keeps its receivers' connections
  options.log_retention = std::chrono::hours(24 * app.config.integer("webhooks.logRetentionDays"));
  deliveries_ = std::make_unique<DeliveryService>(app.db, app.changes, app.clock, *endpoints_, *fetcher_, options);
  dispatcher_ = std::make_unique<Dispatcher>(*deliveries_, static_cast<int>(app.config.integer("webhooks.workers")));
  deliveries_->set_on_queued([this] { dispatcher_->wake(); });
  services_ = std::make_unique<WebhooksServices>(WebhooksServices{*endpoints_, *deliveries_});

  app.permissions.declare({"webhooks:manage", "manage the organisation's webhook endpoints", {"owner", "admin"}});
  app.permissions.declare({"platform:webhooks", "manage the platform's webhook endpoints", {"platform_admin"}});
  app.quotas.declare({.key = std::string(kMaxWebhookEndpoints),
                      .description = "webhook endpoints",
                      .default_limit = 10,
                      .min = 0,
                      .max = static_cast<std::int64_t>(kMaxEndpointsHardLimit),
                      .usage = [](core::Conn& c, const std::string& org) { return endpoint_repo::count(c, org); }});
  app.org_resolvers.add("webhookId", [](core::Conn& c, const std::string& id) { return endpoint_repo::org_of(c, id); });
  app.jobs.schedule("webhooks.log_retention", std::chrono::hours(1), [this] { deliveries_->prune(); },
                    std::chrono::minutes(1));
}

WebhooksModule::~WebhooksModule() = default;

std::vector<core::ConfigKey> WebhooksModule::config_keys() {
  return {
      {"webhooks.allowPrivateAddresses", false,
       "Whether webhook deliveries may connect to loopback, private and link-local addresses (tests, closed "
       "networks); otherwise such addresses are refused after DNS, at every delivery."},
      {"webhooks.allowHttp", false, "Whether endpoints may use plain http:// URLs (closed networks, tests)."},
      {"webhooks.caFile", "", "A PEM CA bundle deliveries trust instead of the system store (a private CA)."},
      {"webhooks.timeoutSeconds", 15, "Time a receiver has to answer one delivery.", 1, 60},
      {"webhooks.workers", 16,
       "Deliveries in flight at once (one per endpoint at a time): endpoints beyond this many wait for a free "
       "worker, so keep it above the number of endpoints that may be slow at once.",
       1, 64},
      {"webhooks.logRetentionDays", 30, "How long delivered and failed messages and their attempts are kept.", 1,
       365},
  };
}

void WebhooksModule::register_routes(http::Router& router) {
  mount_endpoint_routes(router, *services_);
  mount_event_type_routes(router);
}

void WebhooksModule::subscribe(core::EventBus& events) {
  // Every committed event passes by; the catalogue decides which become messages. The name is
  // the progress key: renaming it would skip or repeat events.
  // Batches: the messages of up to 100 events are written in one transaction.
  events.subscribe_batch("webhooks.fan_out", {},
                         [this](std::span<const core::Event> batch) { deliveries_->fan_out(batch); });
}

void WebhooksModule::start(modules::AppContext& /*ctx*/) { dispatcher_->start(); }

void WebhooksModule::stop() { dispatcher_->stop(); }

}  // namespace cove::webhooks
