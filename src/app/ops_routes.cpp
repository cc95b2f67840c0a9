#include "app/ops_routes.hpp"

#include "core/embedded.hpp"
#include "core/log.hpp"
#include "core/migrate.hpp"

namespace cove::app {

void mount_operational_routes(http::Router& router, core::Db& db, core::MetricsRegistry& metrics) {
  auto ops = router.group("").open();

  ops.get("/healthz", [](http::Request&) { return http::Response::json_text(200, R"({"status":"ok"})"); });

  ops.get("/readyz", [&db](http::Request& req) {
    bool ready = false;
    try {
      ready = core::migrations_current(db, embedded_migrations::files());
    } catch (const std::exception& e) {
      core::log::warn("readiness check failed", {{"requestId", req.request_id}, {"error", e.what()}});
    }
    return ready ? http::Response::json_text(200, R"({"status":"ready"})")
                 : http::Response::json_text(503, R"({"status":"not_ready"})");
  });

  ops.get("/metrics", [&metrics](http::Request&) {
    return http::Response::text(200, metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace cove::app
