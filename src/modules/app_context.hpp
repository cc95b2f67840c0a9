#pragma once
// What every module may use: the application's shared services and the registries through which
// a module plugs into what cuts across modules — permissions, quotas, tenancy resolvers, blob
// references, background jobs, runtime catalog sources, certificates served by SNI (DESIGN.md §3). Owned by the application
// (src/app/app.hpp); references stay valid from module construction until after stop().
// Registries are written while modules are constructed and read-only once the server starts.
#include "core/audit_log.hpp"
#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/db.hpp"
#include "core/metrics.hpp"
#include "core/outbox.hpp"
#include "core/secrets.hpp"
#include "http/hooks.hpp"
#include "http/sni_certificates.hpp"
#include "modules/platform/blob_references.hpp"
#include "modules/platform/catalog_sources.hpp"
#include "modules/platform/job_scheduler.hpp"
#include "modules/platform/org_resolvers.hpp"
#include "modules/platform/overview_counters.hpp"
#include "modules/platform/permission_registry.hpp"
#include "modules/platform/quota_registry.hpp"

namespace cove::modules {

struct AppContext {
  const core::Config& config;
  core::Db& db;
  core::BlobStore& blobs;
  core::Outbox& events;
  core::AuditLog& audit;
  core::ChangeLog& changes;  // the operation-log entry and the event of a change, together
  const core::Clock& clock;
  core::MetricsRegistry& metrics;
  core::SecretStore& secrets;
  http::Hooks& hooks;
  PermissionRegistry& permissions;
  QuotaRegistry& quotas;
  OrgResolverRegistry& org_resolvers;
  BlobReferenceRegistry& blob_references;
  JobScheduler& jobs;
  CatalogSourceRegistry& catalog_sources;
  OverviewCounterRegistry& overview;  // what waits for an operator (工作台)
  http::SniCertificates& tls_certificates;  // served by SNI when Cove terminates TLS
};

}  // namespace cove::modules
