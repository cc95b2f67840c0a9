// The middleware chain without sockets.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "http/pipeline.hpp"

using namespace cove;
using cove::http::Method;

namespace {
http::Request make(Method m, std::string path) {
  http::Request r;
  r.method = m;
  r.method_text = std::string(http::method_name(m));
  r.path = std::move(path);
  r.target = r.path;
  r.remote_ip = "127.0.0.1";
  return r;
}
}  // namespace

TEST_CASE("pipeline denies declared permissions when no checker is installed", "[pipeline]") {
  http::Router router;
  http::Hooks hooks;
  core::MetricsRegistry metrics;
  router.group("/api/v1/x").get("/thing", [](http::Request&) { return http::Response::no_content(); }).permission("apps:read");
  http::Pipeline pipeline(router, hooks, metrics, {});
  auto req = make(Method::kGet, "/api/v1/x/thing");
  auto res = pipeline.before_body(req);
  REQUIRE(res.has_value());
  CHECK(res->status == 403);
}

TEST_CASE("pipeline runs identity before guards and passes the route on", "[pipeline]") {
  http::Router router;
  http::Hooks hooks;
  core::MetricsRegistry metrics;
  std::vector<std::string> order;
  hooks.identify = [&](http::Request&) { order.push_back("identify"); };
  hooks.check_permission = [&](http::Request&, const std::string& p) { order.push_back("permission:" + p); };
  auto g = router.group("/api");
  g.guard({"probe", [&](http::Request&) { order.push_back("guard"); }});
  g.get("/ok", [](http::Request&) { return http::Response::json(200, {{"ok", true}}); }).permission("apps:read");
  http::Pipeline pipeline(router, hooks, metrics, {});
  auto req = make(Method::kGet, "/api/ok");
  CHECK_FALSE(pipeline.before_body(req).has_value());
  CHECK(order == std::vector<std::string>{"identify", "guard", "permission:apps:read"});
  REQUIRE(req.route != nullptr);
  auto res = pipeline.run_handler(req);
  CHECK(res.status == 200);
  pipeline.finish(req, res, std::chrono::steady_clock::now());
  CHECK(res.headers.get("X-Request-Id") == req.request_id);
}

TEST_CASE("pipeline converts handler exceptions into the error shape", "[pipeline]") {
  http::Router router;
  http::Hooks hooks;
  core::MetricsRegistry metrics;
  router.add(Method::kGet, "/fail", [](http::Request&) -> http::Response { throw std::runtime_error("db path /x"); });
  router.add(Method::kGet, "/gone", [](http::Request&) -> http::Response {
    throw core::Error::not_found("thing.not_found", "No such thing");
  });
  http::Pipeline pipeline(router, hooks, metrics, {});
  auto req = make(Method::kGet, "/fail");
  REQUIRE_FALSE(pipeline.before_body(req).has_value());
  auto res = pipeline.run_handler(req);
  CHECK(res.status == 500);
  CHECK(res.body.find("/x") == std::string::npos);
  auto req2 = make(Method::kGet, "/gone");
  REQUIRE_FALSE(pipeline.before_body(req2).has_value());
  auto res2 = pipeline.run_handler(req2);
  CHECK(res2.status == 404);
  CHECK(nlohmann::json::parse(res2.body)["code"] == "thing.not_found");
}
