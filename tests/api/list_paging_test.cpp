// Every console list pages the same way (core/page.hpp): ?limit= with either a cursor (walking a
// whole list) or an offset (numbered pages), and answers `total` under the same filters. Plus the
// operators' overview counts (GET /api/v1/platform/overview).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("lists take an offset for numbered pages and answer the filtered total", "[api][lists]") {
  test::World w = test::given() | test::org("A").owner().viewer() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  for (int i = 0; i < 7; ++i) w | test::app(fmt::format("Tool {}", i)).in("A");
  w | test::app("Other").in("B");
  const auto base = "/api/v1/orgs/" + a.id + "/apps";
  const auto get = [&](const std::string& query) { return w.call(Method::kGet, base + query, a.viewer().token); };

  // Page 1 to 3 of size 3 read like a walk with the cursor: the same rows, in the same order.
  std::vector<std::string> walked;
  std::string cursor;
  do {
    auto r = get("?limit=3" + (cursor.empty() ? std::string() : "&cursor=" + cursor));
    REQUIRE(r.status == 200);
    const auto body = r.json();
    CHECK(body["total"] == 7);
    for (const auto& item : body["items"]) walked.push_back(item["appId"]);
    cursor = body["nextCursor"].is_string() ? body["nextCursor"].get<std::string>() : "";
  } while (!cursor.empty());
  REQUIRE(walked.size() == 7);
  std::vector<std::string> numbered;
  for (int page = 0; page < 3; ++page) {
    auto r = get(fmt::format("?limit=3&offset={}", page * 3));
    REQUIRE(r.status == 200);
    const auto body = r.json();
    CHECK(body["total"] == 7);
    CHECK(body["nextCursor"].is_null() == (page == 2));
    for (const auto& item : body["items"]) numbered.push_back(item["appId"]);
  }
  CHECK(numbered == walked);

  // The total follows the filters; a page past the end is empty but still counts.
  CHECK(get("?q=Tool%203").json()["total"] == 1);
  CHECK(get("?status=online").json()["total"] == 0);
  auto past = get("?offset=100");
  REQUIRE(past.status == 200);
  CHECK(past.json()["items"].empty());
  CHECK(past.json()["total"] == 7);

  // Bad paging is a 400 naming the parameter, for every list.
  auto conflict = get("?offset=3&cursor=" + get("?limit=3").json()["nextCursor"].get<std::string>());
  CHECK(conflict.status == 400);
  CHECK(conflict.json()["details"]["fields"]["offset"]["code"] == "conflict");
  for (const auto* query : {"?offset=-1", "?offset=1000001", "?offset=ten"}) {
    auto r = get(query);
    CHECK(r.status == 400);
    CHECK(r.json()["details"]["fields"].contains("offset"));
  }
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/members?offset=-1", a.owner().token).status == 400);
  CHECK(w.call(Method::kGet, "/api/v1/platform/orgs?offset=-1", w.reviewer().token).status == 400);
}

TEST_CASE("every organisation and platform list answers its total", "[api][lists]") {
  test::World w = test::given() | test::org("A").owner().admin().developer().viewer() | test::operators() |
                  test::app("Weather").in("A") | test::host_app("Super App");
  auto& a = w.org("A");
  const auto& owner = a.owner().token;
  const auto total_of = [&](const std::string& url, const std::string& token) {
    auto r = w.call(Method::kGet, url, token);
    INFO(url << " → " << r.status << " " << r.body);
    REQUIRE(r.status == 200);
    REQUIRE(r.json()["total"].is_number_integer());
    CHECK(r.json()["total"].get<std::int64_t>() == static_cast<std::int64_t>(r.json()["items"].size()));
    return r.json()["total"].get<std::int64_t>();
  };
  CHECK(total_of("/api/v1/orgs/" + a.id + "/members", owner) == 4);
  CHECK(total_of("/api/v1/orgs/" + a.id + "/members?role=viewer", owner) == 1);
  CHECK(total_of("/api/v1/orgs/" + a.id + "/apps", owner) == 1);
  CHECK(total_of("/api/v1/orgs/" + a.id + "/host-apps", owner) == 1);
  CHECK(total_of("/api/v1/host-apps/" + w.host_app("Super App").id + "/apps", owner) == 0);
  CHECK(total_of("/api/v1/apps/" + w.app("Weather").id + "/versions", owner) == 0);
  CHECK(total_of("/api/v1/orgs/" + a.id + "/invitations", owner) == 0);
  CHECK(total_of("/api/v1/orgs/" + a.id + "/api-keys", owner) == 0);
  CHECK(total_of("/api/v1/orgs/" + a.id + "/uid-lists", owner) == 0);
  CHECK(total_of("/api/v1/apps/" + w.app("Weather").id + "/gray/plans", owner) == 0);
  CHECK(total_of("/api/v1/me/sessions", owner) == 1);
  CHECK(total_of("/api/v1/platform/orgs", w.reviewer().token) == 1);
  CHECK(total_of("/api/v1/platform/operators", w.platform_admin().token) == 2);
  CHECK(total_of("/api/v1/platform/apps", w.reviewer().token) == 1);
}

TEST_CASE("the operators' overview counts what waits for them", "[api][lists][overview]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  const auto pending = [&] {
    auto r = w.call(Method::kGet, "/api/v1/platform/overview", w.reviewer().token);
    REQUIRE(r.status == 200);
    const auto body = r.json();
    for (const auto& item : body["items"]) {
      if (item["key"] == "pendingOrgs") return item["count"].get<std::int64_t>();
    }
    FAIL("no pendingOrgs counter in " << r.body);
    return std::int64_t{-1};
  };
  CHECK(pending() == 0);
  std::vector<std::string> ids;
  for (int i = 0; i < 2; ++i) {
    auto r = w.call(Method::kPost, "/api/v1/orgs/register", "",
                    test::registration_body(fmt::format("WAITING-{}", i), fmt::format("w{}@q.example", i)));
    REQUIRE(r.status == 201);
    ids.push_back(r.json()["id"]);
  }
  CHECK(pending() == 2);
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + ids[0] + "/approve", w.platform_admin().token).status ==
          200);
  CHECK(pending() == 1);

  // Organisation members are not operators: 403, and nothing counted leaks.
  auto member = w.call(Method::kGet, "/api/v1/platform/overview", w.org("A").owner().token);
  CHECK(member.status == 403);
  CHECK(member.body.find("pendingOrgs") == std::string::npos);
}
