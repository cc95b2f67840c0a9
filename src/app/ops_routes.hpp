#pragma once
#include "core/db.hpp"
#include "core/metrics.hpp"
#include "core/storage_health.hpp"
#include "http/router.hpp"

namespace cove::app {

// /healthz (process alive), /readyz (database answers, every migration is applied and the data
// directory takes writes; otherwise 503 with the reason), /metrics (Prometheus text).
void mount_operational_routes(http::Router& router, core::Db& db, core::StorageHealth& storage,
                              core::MetricsRegistry& metrics);

}  // namespace cove::app
