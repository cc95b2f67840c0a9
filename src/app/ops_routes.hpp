#pragma once
#include "core/db.hpp"
#include "core/metrics.hpp"
#include "http/router.hpp"

namespace cove::app {

// /healthz (process alive), /readyz (database answers and every migration is applied),
// /metrics (Prometheus text).
void mount_operational_routes(http::Router& router, core::Db& db, core::MetricsRegistry& metrics);

}  // namespace cove::app
