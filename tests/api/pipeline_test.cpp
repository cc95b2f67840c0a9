// Foundation behaviour seen through a real server: the error shape, 404/405, HEAD, guards,
// permissions, validation, CORS, security headers, rate limiting.
#include <catch2/catch.hpp>

#include "support/probe_module.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

namespace {
test::TestServerOptions with_probe(std::function<void(core::Config&)> configure = {}) {
  test::TestServerOptions o;
  o.configure = std::move(configure);
  o.modules = [] {
    std::vector<std::unique_ptr<modules::Module>> v;
    v.push_back(std::make_unique<test::ProbeModule>());
    return v;
  };
  return o;
}

http::Headers json_headers() {
  http::Headers h;
  h.set("Content-Type", "application/json");
  return h;
}
}  // namespace

TEST_CASE("errors use one JSON shape with the request id", "[api][pipeline]") {
  test::TestServer server(with_probe());
  test::run_scenarios(server, {
      {.name = "unknown API path is a JSON 404",
       .url = "/api/v1/nope",
       .expected_status = 404,
       .expected = {R"("code":"not_found")", R"("requestId":)", R"("details":{})"}},
      {.name = "wrong method is 405 with Allow",
       .method = Method::kPut,
       .url = "/api/v1/probe/items/x1",
       .expected_status = 405,
       .expected = {R"("code":"method_not_allowed")"},
       .check = [](const http::ClientResponse& r) {
         REQUIRE(r.headers.get("Allow").has_value());
         CHECK(*r.headers.get("Allow") == "GET, HEAD, DELETE, OPTIONS");
       }},
      {.name = "path parameters are captured and decoded",
       .url = "/api/v1/probe/items/a%20b",
       .expected = {R"("itemId":"a b")"}},
      {.name = "a service error keeps its status and code",
       .url = "/api/v1/probe/conflict",
       .expected_status = 409,
       .expected = {R"("code":"probe.conflict")", "Already there"}},
      {.name = "an unknown exception is a generic 500 that leaks nothing",
       .url = "/api/v1/probe/boom",
       .expected_status = 500,
       .expected = {R"("code":"internal_error")"},
       .not_expected = {"SELECT", "secret_column", "internal_table"}},
      {.name = "a guard refuses with 401",
       .url = "/api/v1/probe-guarded/thing",
       .expected_status = 401,
       .expected = {R"("code":"unauthenticated")"}},
      {.name = "a guard lets the right caller in",
       .url = "/api/v1/probe-guarded/thing",
       .headers = [] { http::Headers h; h.set("X-Probe-Token", "let-me-in"); return h; }(),
       .expected = {R"("ok":true)"}},
      {.name = "a declared permission refuses guests",
       .url = "/api/v1/probe-secure/thing",
       .expected_status = 401,
       .expected = {R"("code":"unauthenticated")"}},
  });
}

TEST_CASE("request ids are echoed or generated", "[api][pipeline]") {
  test::TestServer server(with_probe());
  auto client = server.client();
  http::Headers h;
  h.set("X-Request-Id", "ci-run-42");
  auto r = client.request(Method::kGet, "/api/v1/nope", h);
  CHECK(r.headers.get("X-Request-Id") == "ci-run-42");
  CHECK(r.json()["requestId"] == "ci-run-42");

  h.set("X-Request-Id", "evil\" value with spaces");
  r = client.request(Method::kGet, "/api/v1/nope", h);
  REQUIRE(r.headers.get("X-Request-Id").has_value());
  CHECK(*r.headers.get("X-Request-Id") != "evil\" value with spaces");
  CHECK(r.json()["requestId"] == std::string(*r.headers.get("X-Request-Id")));
}

TEST_CASE("JSON bodies are validated strictly", "[api][pipeline]") {
  test::TestServer server(with_probe());
  test::run_scenarios(server, {
      {.name = "valid body",
       .method = Method::kPost,
       .url = "/api/v1/probe/echo",
       .headers = json_headers(),
       .body = R"({"name":"cove","count":3})",
       .expected = {R"("name":"cove")", R"("count":3)"}},
      {.name = "not JSON",
       .method = Method::kPost,
       .url = "/api/v1/probe/echo",
       .body = "{name:",
       .expected_status = 400,
       .expected = {R"("code":"invalid_json")"}},
      {.name = "unknown, missing and out-of-range fields are all reported",
       .method = Method::kPost,
       .url = "/api/v1/probe/echo",
       .body = R"({"nmae":"typo","count":1000})",
       .expected_status = 400,
       .expected = {R"("code":"validation_failed")", R"("nmae":{"code":"unknown_field")",
                    R"("name":{"code":"required")", R"("count":{"code":"out_of_range")"}},
      {.name = "too long and wrong type",
       .method = Method::kPost,
       .url = "/api/v1/probe/echo",
       .body = R"({"name":"this is far too long","count":"3"})",
       .expected_status = 400,
       .expected = {R"("name":{"code":"too_long")", R"("count":{"code":"invalid_type")"}},
  });
}

TEST_CASE("HEAD is served by GET without a body", "[api][pipeline]") {
  test::TestServer server(with_probe());
  auto client = server.client();
  auto get = client.request(Method::kGet, "/api/v1/probe/items/abc");
  auto head = client.request(Method::kHead, "/api/v1/probe/items/abc");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.headers.get("Content-Length") == std::to_string(get.body.size()));
}

TEST_CASE("security headers are on every response", "[api][pipeline]") {
  test::TestServer server(with_probe());
  auto client = server.client();
  for (const char* url : {"/api/v1/probe/items/1", "/api/v1/nope", "/healthz"}) {
    auto r = client.get(url);
    INFO(url);
    CHECK(r.headers.get("X-Content-Type-Options") == "nosniff");
    CHECK(r.headers.get("X-Frame-Options") == "DENY");
    CHECK(r.headers.get("Referrer-Policy") == "no-referrer");
    CHECK(r.headers.get("Content-Security-Policy").has_value());
    CHECK(r.headers.get("Cache-Control") == "no-store");
  }
}

TEST_CASE("CORS answers preflights for configured origins only", "[api][pipeline]") {
  test::TestServer server(with_probe([](core::Config& c) { c.http.cors_origins = {"https://console.example"}; }));
  auto client = server.client();
  http::Headers pre;
  pre.set("Origin", "https://console.example");
  pre.set("Access-Control-Request-Method", "DELETE");
  auto r = client.request(Method::kOptions, "/api/v1/probe/items/7", pre);
  CHECK(r.status == 204);
  CHECK(r.headers.get("Access-Control-Allow-Origin") == "https://console.example");
  CHECK(r.headers.get("Access-Control-Allow-Methods") == "GET, HEAD, DELETE, OPTIONS");

  pre.set("Origin", "https://evil.example");
  r = client.request(Method::kOptions, "/api/v1/probe/items/7", pre);
  CHECK(r.status == 204);
  CHECK_FALSE(r.headers.get("Access-Control-Allow-Origin").has_value());

  http::Headers simple;
  simple.set("Origin", "https://console.example");
  r = client.request(Method::kGet, "/api/v1/probe/items/7", simple);
  CHECK(r.headers.get("Access-Control-Allow-Origin") == "https://console.example");
  CHECK(r.headers.get("Access-Control-Allow-Credentials") == "true");

  r = client.request(Method::kOptions, "/api/v1/does-not-exist", pre);
  CHECK(r.status == 404);
}

TEST_CASE("API requests are rate limited per client", "[api][pipeline]") {
  test::TestServer server(with_probe([](core::Config& c) {
    c.http.rate_limit_per_second = 0.001;  // effectively no refill during the test
    c.http.rate_limit_burst = 5;
  }));
  auto client = server.client();
  for (int i = 0; i < 5; ++i) CHECK(client.get("/api/v1/probe/items/1").status == 200);
  auto r = client.get("/api/v1/probe/items/1");
  CHECK(r.status == 429);
  CHECK(r.json()["code"] == "rate_limited");
  CHECK(r.headers.get("Retry-After").has_value());
  // Health checks are not rate limited.
  CHECK(client.get("/healthz").status == 200);
}
