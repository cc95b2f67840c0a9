#pragma once
// The composition root: opens the data directory (lock, secrets, database, migrations, blobs),
// builds the modules in dependency order, wires the HTTP pipeline and server, and runs them.
// `cove serve` and the API tests build the same App, so tests exercise the real wiring.
#include <memory>
#include <vector>

#include "app/blob_collector.hpp"
#include "app/data_dir.hpp"
#include "core/audit_log.hpp"
#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/db.hpp"
#include "core/idempotency_store.hpp"
#include "core/metrics.hpp"
#include "core/outbox.hpp"
#include "core/secrets.hpp"
#include "core/storage_health.hpp"
#include "http/pipeline.hpp"
#include "http/server.hpp"
#include "http/sni_certificates.hpp"
#include "modules/module.hpp"

namespace cove::app {

struct AppOptions {
  // Replaces the system clock (tests of schedules and expiry).
  const core::Clock* clock = nullptr;
  // Extra modules after the standard list (tests mount probe routes this way).
  std::vector<std::unique_ptr<modules::Module>> extra_modules;
};

class App {
 public:
  // Opens everything under config.data_dir (creating it on first start) and applies migrations.
  // Throws DataDirBusy if another process holds the data directory, core::MigrationError or
  // core::ConfigError on bad state.
  explicit App(core::Config config, AppOptions options = {});
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void start();  // modules, outbox dispatcher, HTTP server (listening when this returns)
  void stop();   // graceful; idempotent
  void wait();   // until the server stopped (signal or stop())
  void stop_on_signals();

  std::uint16_t port() const;
  const core::Config& config() const { return config_; }
  core::Db& db() { return *db_; }
  core::BlobStore& blobs() { return *blobs_; }
  core::Outbox& events() { return *events_; }
  core::AuditLog& audit() { return *audit_; }
  core::MetricsRegistry& metrics() { return metrics_; }
  core::SecretStore& secrets() { return *secrets_; }
  http::Router& router() { return router_; }
  const core::Clock& clock() const { return *clock_; }
  BlobCollector& blob_collector() { return *blob_collector_; }
  const modules::PermissionRegistry& permissions() const { return permissions_; }
  const modules::QuotaRegistry& quota_declarations() const { return quotas_; }
  const modules::JobScheduler& jobs() const { return jobs_; }
  // A built module by type (CLI maintenance commands such as `cove search reindex`), or nullptr.
  template <class M>
  M* find_module() {
    for (auto& m : modules_) {
      if (auto* found = dynamic_cast<M*>(m.get())) return found;
    }
    return nullptr;
  }

 private:
  void build_modules(std::vector<std::unique_ptr<modules::Module>> extra);

  core::Config config_;
  DataDirLock lock_;
  core::SystemClock system_clock_;
  const core::Clock* clock_;
  core::MetricsRegistry metrics_;
  std::unique_ptr<core::SecretStore> secrets_;
  std::unique_ptr<core::Db> db_;
  std::unique_ptr<core::StorageHealth> storage_;
  std::unique_ptr<core::BlobStore> blobs_;
  std::unique_ptr<core::Outbox> events_;
  std::unique_ptr<core::AuditLog> audit_;
  std::unique_ptr<core::ChangeLog> changes_;
  // Registries the modules fill while they are built (modules/app_context.hpp).
  modules::PermissionRegistry permissions_;
  modules::QuotaRegistry quotas_;
  modules::OrgResolverRegistry org_resolvers_;
  modules::BlobReferenceRegistry blob_references_;
  modules::JobScheduler jobs_;
  modules::CatalogSourceRegistry catalog_sources_;
  modules::OverviewCounterRegistry overview_;
  std::unique_ptr<core::IdempotencyStore> idempotency_;
  http::Router router_;
  http::Hooks hooks_;
  http::SniCertificates sni_;  // filled by the domains module, read by the server
  std::unique_ptr<modules::AppContext> context_;
  std::vector<std::unique_ptr<modules::Module>> modules_;
  std::unique_ptr<BlobCollector> blob_collector_;
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace cove::app
