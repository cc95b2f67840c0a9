#include <catch2/catch.hpp>

#include "http/router.hpp"

using namespace cove::http;

namespace {
Response ok(Request&) { return Response::no_content(); }
}  // namespace

TEST_CASE("router matches literals before captures and backtracks", "[router]") {
  Router r;
  r.add(Method::kGet, "/apps/new", ok);
  r.add(Method::kGet, "/apps/{appId}", ok);
  r.add(Method::kGet, "/apps/{appId}/versions/{version}", ok);
  r.add(Method::kGet, "/apps/new/versions/latest", ok);

  auto m = r.match(Method::kGet, "/apps/new");
  REQUIRE(m.kind == RouteMatch::Kind::kFound);
  CHECK(m.route->pattern == "/apps/new");
  CHECK(m.params.empty());

  m = r.match(Method::kGet, "/apps/app_1");
  REQUIRE(m.kind == RouteMatch::Kind::kFound);
  CHECK(m.route->pattern == "/apps/{appId}");
  CHECK(m.params == std::vector<std::pair<std::string, std::string>>{{"appId", "app_1"}});

  // "new" is a literal, but /apps/new/versions/1.0.0 only exists through the capture.
  m = r.match(Method::kGet, "/apps/new/versions/1.0.0");
  REQUIRE(m.kind == RouteMatch::Kind::kFound);
  CHECK(m.route->pattern == "/apps/{appId}/versions/{version}");
  CHECK(m.params[0].second == "new");
  CHECK(m.params[1].second == "1.0.0");
}

TEST_CASE("router tells 404 from 405 and lists allowed methods", "[router]") {
  Router r;
  r.add(Method::kGet, "/items/{id}", ok);
  r.add(Method::kDelete, "/items/{id}", ok);
  CHECK(r.match(Method::kGet, "/nothing").kind == RouteMatch::Kind::kNotFound);
  CHECK(r.match(Method::kGet, "/items").kind == RouteMatch::Kind::kNotFound);
  CHECK(r.match(Method::kGet, "/items/").kind == RouteMatch::Kind::kNotFound);  // empty capture
  CHECK(r.match(Method::kGet, "/items/1/extra").kind == RouteMatch::Kind::kNotFound);
  auto m = r.match(Method::kPost, "/items/1");
  CHECK(m.kind == RouteMatch::Kind::kMethodNotAllowed);
  CHECK(allow_header(m.allowed) == "GET, HEAD, DELETE, OPTIONS");
  // HEAD is served by GET.
  m = r.match(Method::kHead, "/items/1");
  REQUIRE(m.kind == RouteMatch::Kind::kFound);
  CHECK(m.route->method == Method::kGet);
}

TEST_CASE("router rejects ambiguous registrations", "[router]") {
  Router r;
  r.add(Method::kGet, "/a/{x}", ok);
  CHECK_THROWS_AS(r.add(Method::kGet, "/a/{x}", ok), std::logic_error);
  CHECK_THROWS_AS(r.add(Method::kPost, "/a/{y}", ok), std::logic_error);
  CHECK_THROWS_AS(r.add(Method::kGet, "no-slash", ok), std::logic_error);
}

TEST_CASE("route groups carry prefixes, guards and declarations", "[router]") {
  Router r;
  auto api = r.group("/api/v1");
  api.guard({"user", [](Request&) {}});
  auto apps = api.group("/apps");
  apps.get("/{appId}", ok).permission("apps:read");
  apps.put("/{appId}/package", ok).stream_to_file(1024).blocking();
  r.group("/healthz").open().get("", ok);

  const auto routes = r.routes();
  REQUIRE(routes.size() == 3);
  CHECK(routes[0]->pattern == "/api/v1/apps/{appId}");
  CHECK(routes[0]->permission == "apps:read");
  REQUIRE(routes[0]->guards.size() == 1);
  CHECK(routes[0]->guards[0].name == "user");
  CHECK(routes[1]->blocking);
  CHECK(routes[1]->stream_limit == 1024);
  CHECK(routes[2]->pattern == "/healthz");
  CHECK(routes[2]->is_public);
  CHECK(routes[2]->guards.empty());
}
