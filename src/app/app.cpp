#include "app/app.hpp"

#include <thread>

#include "app/module_list.hpp"
#include "app/ops_routes.hpp"
#include "app/web_assets.hpp"
#include "core/log.hpp"
#include "core/migrate.hpp"
#include "http/static_files.hpp"

namespace cove::app {

namespace {

http::PipelineOptions pipeline_options(const core::Config& c) {
  http::PipelineOptions o;
  o.access_log = c.log.access_log;
  o.tls = !c.http.tls.cert.empty();
  o.rate_limit_enabled = c.http.rate_limit_enabled;
  o.rate_limit_per_second = c.http.rate_limit_per_second;
  o.rate_limit_burst = c.http.rate_limit_burst;
  o.cors_origins = c.http.cors_origins;
  return o;
}

http::ServerOptions server_options(const core::Config& c, const DataPaths& paths) {
  http::ServerOptions o;
  o.host = c.http.listen_host;
  o.port = c.http.listen_port;
  o.threads = c.http.threads;
  o.worker_threads = c.worker_threads;
  o.max_connections = c.http.max_connections;
  o.max_connections_per_ip = c.http.max_connections_per_ip;
  o.header_limit = c.http.header_limit_bytes;
  o.body_limit = c.http.body_limit_bytes;
  o.header_timeout = std::chrono::seconds(c.http.header_timeout_s);
  o.idle_timeout = std::chrono::seconds(c.http.idle_timeout_s);
  o.body_timeout = std::chrono::seconds(c.http.body_timeout_s);
  o.min_body_rate = c.http.min_body_rate_bytes_per_second;
  o.min_body_rate_window = std::chrono::seconds(c.http.min_body_rate_window_s);
  o.shutdown_timeout = std::chrono::seconds(c.http.shutdown_timeout_s);
  o.tls_cert = c.http.tls.cert;
  o.tls_key = c.http.tls.key;
  o.trust_proxy = c.http.trust_proxy;
  o.upload_dir = paths.blobs() / "tmp";  // same file system as the store: adopt() is a rename
  return o;
}

}  // namespace

App::App(core::Config config, AppOptions options)
    : config_(std::move(config)), clock_(options.clock ? options.clock : &system_clock_) {
  const DataPaths paths{config_.data_dir};
  lock_ = DataDirLock::acquire(paths.root);
  secrets_ = std::make_unique<core::SecretStore>(paths.secrets());
  // The session-token signing key exists from the first start, so backups always carry it.
  secrets_->random_key("jwt-hs256.key");

  core::DbOptions db_options;
  db_options.path = paths.db();
  db_options.synchronous = config_.db.synchronous;
  db_options.busy_timeout_ms = config_.db.busy_timeout_ms;
  db_options.readers = config_.http.threads + config_.worker_threads + 2;
  db_ = std::make_unique<core::Db>(db_options);
  // apply_migrations logs what it applied; start-up need not say it twice.
  core::apply_migrations(*db_, embedded_migrations::files());

  blobs_ = std::make_unique<core::BlobStore>(paths.blobs());
  events_ = std::make_unique<core::Outbox>(*db_, *clock_, std::chrono::hours(24 * config_.outbox_retention_days));
  audit_ = std::make_unique<core::AuditLog>(*clock_);
  changes_ = std::make_unique<core::ChangeLog>(*audit_, *events_);
  idempotency_ = std::make_unique<core::IdempotencyStore>(
      *db_, *clock_, std::chrono::hours(config_.http.idempotency_ttl_hours),
      secrets_->random_key("idempotency-seal.key"));
  // Reservations belong to handlers of a previous process that did not finish (a crash); left in
  // place they would answer 409 for their keys until those expire.
  idempotency_->clear_reservations();

  metrics_.counter_callback("cove_db_busy_seconds_total", "Time spent inside database transactions",
                            [this] { return db_->busy_seconds(); });
  storage_ = std::make_unique<core::StorageHealth>(
      paths.root, static_cast<std::uint64_t>(config_.data_min_free_megabytes) * 1024 * 1024);
  hooks_.storage_full = [this](std::string_view what) { storage_->record_full(what); };
  metrics_.gauge_callback("cove_data_free_bytes", "Free space in the data directory's file system (bytes)",
                          [this] { return static_cast<double>(storage_->free_bytes()); });
  metrics_.gauge_callback("cove_outbox_lag_events", "Committed events not yet handled by every subscriber",
                          [this] { return static_cast<double>(events_->lag()); });

  context_ = std::make_unique<modules::AppContext>(
      modules::AppContext{config_, *db_, *blobs_, *events_, *audit_, *changes_, *clock_, metrics_, *secrets_, hooks_,
                          permissions_, quotas_, org_resolvers_, blob_references_, jobs_, catalog_sources_,
                          overview_, sni_});
  build_modules(std::move(options.extra_modules));
  blob_collector_ = std::make_unique<BlobCollector>(*db_, *blobs_, blob_references_,
                                                    std::chrono::hours(config_.blob_gc_grace_hours));
  // A minute after start, then hourly.
  jobs_.schedule("blobs.collect", std::chrono::hours(1), [this] { blob_collector_->collect(); },
                 std::chrono::minutes(1));
  // Operation-log retention: hourly (a day's entries go within the hour after they are due).
  jobs_.schedule("audit.prune", std::chrono::hours(1), [this] {
    const auto days = std::chrono::hours(24) * config_.audit_retention_days;
    const auto cutoff = clock_->now() - days;
    audit_->prune(*db_, std::chrono::duration_cast<std::chrono::milliseconds>(cutoff.time_since_epoch()).count());
  }, std::chrono::minutes(2));
  mount_operational_routes(router_, *db_, *storage_, metrics_);
  modules::mount_overview_route(router_, *db_, overview_);

  pipeline_ = std::make_unique<http::Pipeline>(router_, hooks_, metrics_, pipeline_options(config_));
  auto static_files = std::make_shared<http::StaticFiles>(embedded_web::files());
  pipeline_->set_fallback([static_files](http::Request& req) { return static_files->serve(req); });
  pipeline_->enable_idempotency(*idempotency_);
  auto server = server_options(config_, paths);
  server.sni = &sni_;
  server_ = std::make_unique<http::Server>(std::move(server), *pipeline_, metrics_);
}

App::~App() {
  try {
    stop();
  } catch (const std::exception& e) {
    core::log::error("error while stopping", {{"error", e.what()}});
  }
}

void App::build_modules(std::vector<std::unique_ptr<modules::Module>> extra) {
  modules_ = standard_modules(*context_);
  for (auto& m : extra) modules_.push_back(std::move(m));
  for (auto& m : modules_) {
    m->register_routes(router_);
    m->subscribe(*events_);
  }
}

void App::start() {
  if (started_) return;
  started_ = true;
  for (auto& m : modules_) m->start(*context_);
  events_->start();
  jobs_.start();
  server_->start();
}

void App::stop() {
  if (!started_ || stopped_) return;
  stopped_ = true;
  server_->stop();
  server_->wait();
  // Give effects of the last requests a moment to run; whatever is left is delivered at next start.
  events_->drain(std::chrono::seconds(2));
  events_->stop();
  jobs_.stop();
  for (auto it = modules_.rbegin(); it != modules_.rend(); ++it) (*it)->stop();
  core::log::flush();
}

void App::wait() {
  if (!started_) return;
  server_->wait();
  stop();
}

void App::stop_on_signals() { server_->stop_on_signals(); }

std::uint16_t App::port() const { return server_->port(); }

}  // namespace cove::app
