// The reviewers' queue (待办中心): filters, paging, organisation names; reads write nothing.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "review_steps.hpp"
#include "support/scenario.hpp"
#include "support/world.hpp"

using cove::http::Method;
using cove::test::Scenario;
namespace test = cove::test;

TEST_CASE("the review queue filters by status, organisation and expedite, with totals", "[api][review][queue]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::org("B").owner() | test::operators() |
                  test::app("Weather").in("A").uploaded("1.0.0") | test::app("Radar").in("A").uploaded("1.0.0") |
                  test::app("Tool").in("B").uploaded("1.0.0") | test::submitted("Weather", "1.0.0") |
                  test::submitted("Radar", "1.0.0", {{"expedite", true}}) | test::submitted("Tool", "1.0.0");
  const auto token = w.reviewer().token;
  const auto get = [&](const std::string& query) {
    auto r = w.call(Method::kGet, "/api/v1/platform/reviews" + query, token);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
  };
  auto all = get("");
  CHECK(all["total"] == 3);
  CHECK(all["items"][0]["appName"] == "Weather");  // oldest first
  CHECK(all["items"][0]["orgName"] == "Org A");
  CHECK(all["items"][2]["orgName"] == "Org B");
  CHECK(get("?orgId=" + w.org("B").id)["total"] == 1);
  CHECK(get("?expedited=true")["items"][0]["appName"] == "Radar");
  CHECK(get("?expedited=false")["total"] == 2);
  CHECK(get("?status=approved")["total"] == 0);
  CHECK(get("?status=in_review&limit=1&offset=1")["items"][0]["appName"] == "Radar");
  CHECK(get("?status=in_review&limit=1&offset=1")["total"] == 3);

  // In order: each row sees what the rows before it did.
  for (const auto& scenario : std::vector<Scenario>{
          {.name = "an unknown status",
           .method = Method::kGet,
           .url = "/api/v1/platform/reviews?status=done",
           .headers = test::bearer_json(token),
           .expected_status = 400,
           .expected = {R"("status":{"code":"unknown_value")"}},
          {.name = "expedited is true or false",
           .method = Method::kGet,
           .url = "/api/v1/platform/reviews?expedited=yes",
           .headers = test::bearer_json(token),
           .expected_status = 400},
          {.name = "organisation members do not see the queue",
           .method = Method::kGet,
           .url = "/api/v1/platform/reviews",
           .headers = test::bearer_json(w.org("A").owner().token),
           .expected_status = 403},
          {.name = "an unknown review",
           .method = Method::kGet,
           .url = "/api/v1/platform/reviews/rev_nope",
           .headers = test::bearer_json(token),
           .expected_status = 404,
           .expected = {"review.not_found"}},
          {.name = "another organisation's mini-program's reviews are not found",
           .method = Method::kGet,
           .url = "/api/v1/apps/" + w.app("Tool").id + "/reviews",
           .headers = test::bearer_json(w.org("A").owner().token),
           .expected_status = 404},
          {.name = "the settings are readable by operators",
           .method = Method::kGet,
           .url = "/api/v1/platform/review-settings",
           .headers = test::bearer_json(token),
           .expected_status = 200,
           .expected = {R"("required":true)", R"("claimMinutes":30)"}},
      })
    test::run_scenario(w.server, scenario);
}
