// Operational endpoints and the embedded console: health, readiness, metrics, SPA serving,
// caching, compression and traversal attempts.
#include <catch2/catch.hpp>

#include "support/probe_module.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("health, readiness and metrics", "[api][ops]") {
  test::TestServerOptions o;
  o.modules = [] {
    std::vector<std::unique_ptr<modules::Module>> v;
    v.push_back(std::make_unique<test::ProbeModule>());
    return v;
  };
  test::TestServer server(std::move(o));
  auto client = server.client();

  auto health = client.get("/healthz");
  CHECK(health.status == 200);
  CHECK(health.json()["status"] == "ok");

  auto ready = client.get("/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.json()["status"] == "ready");

  client.get("/api/v1/probe/items/one");
  client.get("/api/v1/probe/items/two");
  client.get("/api/v1/nope");
  auto metrics = client.get("/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.headers.get("Content-Type")->starts_with("text/plain; version=0.0.4"));
  const auto& text = metrics.body;
  // Labelled by route template, not by raw path: ids do not explode the series count.
  CHECK(text.find(R"(cove_http_requests_total{route="/api/v1/probe/items/{itemId}",method="GET",status="200"} 2)") !=
        std::string::npos);
  CHECK(text.find(R"(cove_http_requests_total{route="unmatched",method="GET",status="404"} 1)") != std::string::npos);
  CHECK(text.find("cove_http_request_duration_seconds_bucket{route=\"/api/v1/probe/items/{itemId}\",le=\"0.005\"}") !=
        std::string::npos);
  CHECK(text.find("cove_http_requests_in_flight") != std::string::npos);
  // Totals that only grow are counters, whatever keeps them (promtool rejects a gauge named _total).
  CHECK(text.find("# TYPE cove_db_busy_seconds_total counter\ncove_db_busy_seconds_total ") !=
        std::string::npos);
  CHECK(text.find("cove_outbox_lag_events 0") != std::string::npos);
  CHECK(text.find("/api/v1/probe/items/one") == std::string::npos);
}

TEST_CASE("readiness fails when a migration is missing", "[api][ops]") {
  test::TestServer server;
  server.app().db().write([](core::Tx& tx) { tx.exec("DELETE FROM schema_migrations"); });
  auto r = server.client().get("/readyz");
  CHECK(r.status == 503);
  CHECK(r.json()["status"] == "not_ready");
}

TEST_CASE("the console is served with SPA fallback and caching", "[api][static]") {
  test::TestServer server;
  auto client = server.client();

  auto index = client.get("/");
  CHECK(index.status == 200);
  CHECK(index.headers.get("Content-Type") == "text/html; charset=utf-8");
  CHECK(index.body.find("<html") != std::string::npos);
  REQUIRE(index.headers.get("Content-Security-Policy").has_value());
  CHECK(index.headers.get("Content-Security-Policy")->find("default-src 'self'") != std::string::npos);
  CHECK(index.headers.get("Cache-Control") == "no-cache");
  REQUIRE(index.headers.get("ETag").has_value());

  http::Headers cond;
  cond.set("If-None-Match", std::string(*index.headers.get("ETag")));
  auto not_modified = client.request(Method::kGet, "/", cond);
  CHECK(not_modified.status == 304);
  CHECK(not_modified.body.empty());

  http::Headers gz;
  gz.set("Accept-Encoding", "gzip, deflate");
  auto compressed = client.request(Method::kGet, "/index.html", gz);
  CHECK(compressed.status == 200);
  CHECK(compressed.headers.get("Content-Encoding") == "gzip");
  CHECK(compressed.body.size() < index.body.size());
  CHECK(static_cast<unsigned char>(compressed.body[0]) == 0x1f);  // gzip magic

  // Client-side routes get index.html; missing files and API paths do not.
  auto deep = client.get("/orgs/org_123/apps");
  CHECK(deep.status == 200);
  CHECK(deep.body == index.body);
  CHECK(client.get("/assets/missing-abcdef12.js").status == 404);
  auto api = client.get("/api/v1/unknown");
  CHECK(api.status == 404);
  CHECK(api.json()["code"] == "not_found");
  CHECK(client.get("/runtime/v1/unknown").status == 404);
}

TEST_CASE("traversal attempts answer 404", "[api][static]") {
  test::TestServer server;
  auto client = server.client();
  for (const char* target : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fcove.db",
                             "/%252e%252e/secrets", "/a/%00/b", "/assets%5c..%5cindex.html", "/./index.html",
                             "/assets/%2E%2E/index.html"}) {
    INFO(target);
    auto r = client.get(target);
    CHECK(r.status == 404);
    CHECK(r.body.find("root:") == std::string::npos);
  }
}
