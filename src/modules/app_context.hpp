#pragma once
// Shared services every module may use. Owned by the application (src/app/app.hpp); references
// stay valid from module construction until after stop().
#include "core/audit_log.hpp"
#include "core/blob_store.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/db.hpp"
#include "core/metrics.hpp"
#include "core/outbox.hpp"
#include "core/secrets.hpp"
#include "http/hooks.hpp"
#include "http/router.hpp"

namespace cove::modules {

struct AppContext {
  const core::Config& config;
  core::Db& db;
  core::BlobStore& blobs;
  core::Outbox& events;
  core::AuditLog& audit;
  const core::Clock& clock;
  core::MetricsRegistry& metrics;
  core::SecretStore& secrets;
  http::Hooks& hooks;
};

}  // namespace cove::modules
