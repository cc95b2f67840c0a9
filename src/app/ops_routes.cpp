#include "app/ops_routes.hpp"

#include "core/embedded.hpp"
#include "core/log.hpp"
#include "core/migrate.hpp"

namespace cove::app {

void mount_operational_routes(http::Router& router, core::Db& db, core::StorageHealth& storage,
                              core::MetricsRegistry& metrics) {
  auto ops = router.group("").open();

  ops.get("/healthz", [](http::Request&) { return http::Response::json_text(200, R"({"status":"ok"})"); });

  ops.get("/readyz", [&db, &storage](http::Request& req) {
    std::string reason;
    try {
      if (!core::migrations_current(db, embedded_migrations::files())) reason = "database migrations are pending";
    } catch (const std::exception& e) {
      core::log::warn("readiness check failed", {{"requestId", req.request_id}, {"error", e.what()}});
      reason = "the database does not answer";
    }
    if (reason.empty()) {
      if (const auto s = storage.status(); !s.writable) reason = s.reason;
    }
    if (reason.empty()) return http::Response::json_text(200, R"({"status":"ready"})");
    return http::Response::json(503, {{"status", "not_ready"}, {"reason", reason}});
  });

  ops.get("/metrics", [&metrics](http::Request&) {
    return http::Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace cove::app
