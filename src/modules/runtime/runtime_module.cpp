#include "modules/runtime/runtime_module.hpp"

namespace cove::runtime {

RuntimeModule::RuntimeModule(modules::AppContext& app, const accounts::AccountsApi& accounts,
                             const apps::AppsApi& apps, const gray::GrayApi& gray) {
  store_ = std::make_unique<CatalogStore>([&app, &accounts, &apps, &gray] {
    return app.db.read([&](core::Conn& c) {
      const auto data = apps.runtime_data(c);
      return build_catalog(data, accounts.active_org_ids(c), gray.runtime_data(c), app.clock.unix_millis());
    });
  });
  nonces_ = std::make_unique<NonceCache>();
  auth_ = std::make_unique<RequestAuth>(
      app.clock, *nonces_,
      RuntimeAuthOptions{.clock_skew_seconds = app.config.runtime.clock_skew_seconds,
                         .nonce_window_seconds = app.config.runtime.nonce_window_seconds});
  ctx_ = std::make_unique<RuntimeContext>(RuntimeContext{app, apps, *store_, *auth_});

  app.metrics.counter_callback("cove_runtime_catalog_rebuilds_total",
                               "Runtime catalog snapshots built since start",
                               [this] { return static_cast<double>(store_->rebuilds()); });
  app.metrics.gauge_callback(
      "cove_runtime_catalog_age_seconds",
      "Seconds since the runtime catalog in use was built (rebuilt when something changes)", [this, &app] {
        const auto c = store_->current();
        return c ? static_cast<double>(app.clock.unix_millis() - c->built_ms) / 1000.0 : -1.0;
      });
  app.metrics.gauge_callback("cove_runtime_nonces", "Nonces remembered for replay protection",
                             [this] { return static_cast<double>(nonces_->size()); });
}

RuntimeModule::~RuntimeModule() = default;

void RuntimeModule::register_routes(http::Router& router) { mount_runtime_routes(router, *ctx_); }

void RuntimeModule::subscribe(core::EventBus& events) {
  // Every change that alters what a host app may run. The handler only marks the snapshot stale:
  // a burst of events costs one rebuild, and the dispatcher is never held up.
  events.subscribe("runtime.catalog", {"app.", "version.", "host_app.", "association.", "org.", "gray_plan.", "uid_list."},
                   [this](const core::Event&) { store_->mark_stale(); });
}

void RuntimeModule::start(modules::AppContext& /*app*/) { store_->start(); }

void RuntimeModule::stop() { store_->stop(); }

}  // namespace cove::runtime
