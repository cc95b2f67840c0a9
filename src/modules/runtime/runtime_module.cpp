#include "modules/runtime/runtime_module.hpp"

namespace cove::runtime {

RuntimeModule::RuntimeModule(modules::AppContext& app, const accounts::AccountsApi& accounts,
                             const apps::AppsApi& apps)
    : sources_(app.catalog_sources) {
  store_ = std::make_unique<core::SnapshotStore<Catalog>>("runtime catalog", [&app, &accounts, this] {
    // One read transaction: every part sees the same committed state.
    return app.db.read([&](core::Conn& c) {
      const auto now = app.clock.unix_millis();
      const auto active = accounts.active_org_ids(c);
      return build_catalog(sources_.load(c, now), sources_, active, now,
                           accounts.org_names(c, std::vector<std::string>(active.begin(), active.end())));
    });
  });
  services_ = std::make_unique<RuntimeServices>(RuntimeServices{apps, *store_, app.blobs, app.clock});

  app.metrics.counter_callback("cove_runtime_catalog_rebuilds_total", "Runtime catalog snapshots built since start",
                               [this] { return static_cast<double>(store_->rebuilds()); });
  app.metrics.gauge_callback(
      "cove_runtime_catalog_age_seconds",
      "Seconds since the runtime catalog in use was built (rebuilt when something changes)", [this, &app] {
        const auto c = store_->current();
        return c ? static_cast<double>(app.clock.unix_millis() - c->built_ms) / 1000.0 : -1.0;
      });
}

RuntimeModule::~RuntimeModule() = default;

void RuntimeModule::register_routes(http::Router& router) {
  mount_runtime_routes(router, *services_);
  mount_article_routes(router, *services_);
}

void RuntimeModule::subscribe(core::EventBus& events) {
  // The topics the catalog sources name, and organisations' status (which ones may be served).
  // The handler only marks the snapshot stale: a burst of events costs one rebuild.
  auto topics = sources_.topics();
  topics.push_back("org.");
  events.subscribe("runtime.catalog", std::move(topics), [this](const core::Event&) { store_->mark_stale(); });
}

void RuntimeModule::start(modules::AppContext& /*app*/) { store_->start(); }

void RuntimeModule::stop() { store_->stop(); }

}  // namespace cove::runtime
