// Gray plans through the API: who may create and drive them, what is validated at save time,
// the state machine, the quota of live plans, steps applied by the scheduler from the clock
// (a manual clock here), and the guard that keeps a plan's version from being deleted.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "gray_steps.hpp"
#include "support/manual_clock.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

// Org A's mini-program "Weather" with 1.0.0 released and 1.1.0 uploaded, ready for a gray plan.
test::Given two_versions(test::TestServerOptions options = {}) {
  return test::given(std::move(options)) | test::org("A").owner().developer().viewer() | test::operators() |
         test::app("Weather").released("1.0.0").approved("1.1.0");
}

std::string plans_url(test::World& w) {
  return fmt::format("/api/v1/apps/{}/gray/plans", w.app("Weather").id);
}

const nlohmann::json kRule = test::one_condition("platform", "IN", {"ios"});

}  // namespace

TEST_CASE("gray plan creation: permissions and save-time validation", "[api][gray]") {
  test::World w = two_versions();
  auto& a = w.org("A");
  const auto post = [&](std::string name, nlohmann::json body, int status, std::vector<std::string> expected,
                        std::vector<std::string> writes = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPost,
                    .url = plans_url(w),
                    .headers = test::bearer_json(a.developer().token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected),
                    .events = writes,
                    .audit = writes};
  };
  const auto rule_with = [](nlohmann::json condition) {
    return nlohmann::json{{"groups", {{{"conditions", {condition}}}}}};
  };
  test::run_scenarios(
      w.server,
      {
          post("missing rule and version", nlohmann::json::object(), 400,
               {R"("version":{"code":"required")", R"("rule":{"code":"required")"}),
          post("unknown attribute",
               {{"version", "1.1.0"},
                {"rule", rule_with({{"attribute", "shoeSize"}, {"operator", "IN"}, {"values", {"42"}}})}},
               400, {R"("rule.groups[0].conditions[0].attribute":{"code":"unknown_attribute")"}),
          post("unknown operator",
               {{"version", "1.1.0"},
                {"rule", rule_with({{"attribute", "uid"}, {"operator", "LIKE"}, {"values", {"a"}}})}},
               400, {R"("rule.groups[0].conditions[0].operator":{"code":"unknown_operator")"}),
          post("bad regex",
               {{"version", "1.1.0"},
                {"rule", rule_with({{"attribute", "uid"}, {"operator", "REGEX"}, {"values", {"(a"}}})}},
               400, {R"("rule.groups[0].conditions[0].values[0]":{"code":"bad_regex")"}),
          post("bad semver",
               {{"version", "1.1.0"},
                {"rule",
                 rule_with({{"attribute", "sdkVersion"}, {"operator", "SEMVER_GT"}, {"values", {"1.2"}}})}},
               400, {R"(bad_semver)"}),
          post("bad CIDR",
               {{"version", "1.1.0"},
                {"rule",
                 rule_with({{"attribute", "ip"}, {"operator", "IN_CIDR"}, {"values", {"10.0.0.0/33"}}})}},
               400, {R"(bad_cidr)"}),
          post("percentage out of range",
               {{"version", "1.1.0"}, {"rule", {{"groups", {{{"percentage", 101}}}}}}}, 400,
               {R"("rule.groups[0].percentage")"}),
          post("an unknown UID list",
               {{"version", "1.1.0"}, {"rule", {{"groups", {{{"uidLists", {"ulst_nope"}}}}}}}}, 400,
               {R"("rule.groups[0].uidLists[0]":{"code":"unknown_list")"}),
          post("steps must grow",
               {{"version", "1.1.0"},
                {"rule", kRule},
                {"steps",
                 {{{"percentage", 50}, {"at", "2026-01-01T00:00:00Z"}},
                  {{"percentage", 20}, {"at", "2026-01-02T00:00:00Z"}}}}},
               400, {R"("steps[1].percentage":{"code":"not_increasing")"}),
          post("an unknown version is 404", {{"version", "9.9.9"}, {"rule", kRule}}, 404,
               {"apps.version_not_found"}),
          post("the released version is not newer", {{"version", "1.0.0"}, {"rule", kRule}}, 409,
               {"gray.version_not_releasable"}),
          post("a good plan is created as a draft",
               {{"version", "1.1.0"}, {"rule", kRule}, {"name", "iOS first"}}, 201,
               {R"("status":"draft")", R"("version":"1.1.0")"}, {"gray_plan.created"}),
      });
}

TEST_CASE("a version has at most one unfinished gray plan", "[api][gray]") {
  test::World w = two_versions();
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  test::plan_ok(w, app, {{"version", "1.1.0"}, {"rule", kRule}}, a.developer().token);
  auto again = test::create_plan(w, app, {{"version", "1.1.0"}, {"rule", kRule}}, a.developer().token);
  CHECK(again.status == 409);
  CHECK(again.json()["code"] == "gray.plan_exists");
}

TEST_CASE("gray plan state machine", "[api][gray]") {
  test::World w = two_versions();
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto& token = a.developer().token;
  const auto plan = test::plan_ok(w, app, {{"version", "1.1.0"}, {"rule", kRule}}, token);
  CHECK(test::act(w, plan, "pause", token).status == 409);
  CHECK(test::act(w, plan, "complete", token).json()["code"] == "gray.invalid_transition");
  REQUIRE(test::act(w, plan, "start", token).status == 200);
  CHECK(test::act(w, plan, "start", token).status == 409);
  // A running plan's version cannot be deleted, and a started plan cannot be deleted either.
  auto del = w.call(Method::kDelete, fmt::format("/api/v1/apps/{}/versions/1.1.0", app), token);
  CHECK(del.status == 409);
  CHECK(del.json()["code"] == "apps.version_in_gray_plan");
  CHECK(w.call(Method::kDelete, "/api/v1/gray/plans/" + plan, token).json()["code"] == "gray.plan_not_draft");
  // Editing a running plan's rule is allowed; the list shows it.
  auto patched = w.call(Method::kPatch, "/api/v1/gray/plans/" + plan, token,
                        {{"rule", test::one_condition("platform", "IN", {"android"})}, {"priority", 5}});
  INFO(patched.body);
  REQUIRE(patched.status == 200);
  CHECK(patched.json()["priority"] == 5);
  auto list = w.call(Method::kGet, plans_url(w) + "?status=running", a.viewer().token);
  REQUIRE(list.status == 200);
  CHECK(list.json()["items"].size() == 1);
  CHECK(w.call(Method::kGet, plans_url(w) + "?status=bogus", token).status == 400);
  REQUIRE(test::act(w, plan, "rollback", token).status == 200);
  CHECK(w.call(Method::kPatch, "/api/v1/gray/plans/" + plan, token, {{"priority", 1}}).status == 409);
  CHECK(w.audit_count("gray_plan.started", plan) == 1);
  CHECK(w.audit_count("gray_plan.rolled_back", plan) == 1);
}

TEST_CASE("a draft plan can be deleted; a plan needs an online mini-program to start", "[api][gray]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::app("Weather").approved("0.1.0");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto plan = test::plan_ok(w, app, {{"version", "0.1.0"}, {"rule", kRule}}, a.developer().token);
  auto r = test::act(w, plan, "start", a.developer().token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "gray.app_not_online");
  CHECK(w.call(Method::kDelete, "/api/v1/gray/plans/" + plan, a.developer().token).status == 204);
  CHECK(w.call(Method::kGet, "/api/v1/gray/plans/" + plan, a.developer().token).status == 404);
}

TEST_CASE("live gray plans count against the organisation's quota", "[api][gray][quota]") {
  test::World w = two_versions();
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  auto q = w.call(Method::kPut, fmt::format("/api/v1/platform/orgs/{}/quotas", a.id),
                  w.platform_admin().token, {{"maxGrayPlans", 1}});
  INFO(q.body);
  REQUIRE(q.status == 200);
  const auto first = test::plan_ok(w, app, {{"version", "1.1.0"}, {"rule", kRule}}, a.developer().token);
  REQUIRE(test::act(w, first, "start", a.developer().token).status == 200);
  test::upload_ok(w, app, "1.2.0", a.developer().token);
  test::approve_version(w, app, "1.2.0", a.developer().token);
  const auto second = test::plan_ok(w, app, {{"version", "1.2.0"}, {"rule", kRule}}, a.developer().token);
  auto r = test::act(w, second, "start", a.developer().token);
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "quota.exceeded");
  REQUIRE(test::act(w, first, "rollback", a.developer().token).status == 200);
  CHECK(test::act(w, second, "start", a.developer().token).status == 200);
}

TEST_CASE("the scheduler applies steps as the clock passes them, each in the operation log",
          "[api][gray][schedule]") {
  test::ManualClock clock;
  test::World w = two_versions({.clock = &clock});
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto t0 = clock.unix_millis();
  const auto at = [&](int minutes) { return core::format_rfc3339_millis(t0 + minutes * 60'000LL); };
  auto steps = nlohmann::json::array();
  steps.push_back({{"percentage", 10}, {"at", at(10)}});
  steps.push_back({{"percentage", 50}, {"at", at(20)}});
  steps.push_back({{"percentage", 100}, {"at", at(30)}});
  nlohmann::json body = {{"version", "1.1.0"}, {"rule", {{"groups", {nlohmann::json::object()}}}}};
  body["steps"] = steps;
  const auto plan = test::plan_ok(w, app, body, a.developer().token);
  REQUIRE(test::act(w, plan, "start", a.developer().token).status == 200);
  CHECK(test::get_plan(w, plan, a.developer().token)["currentPercentage"] == 0);

  const auto await_percentage = [&](int pct) {
    nlohmann::json p;
    for (int i = 0; i < 300; ++i) {  // the scheduler ticks twice a second
      p = test::get_plan(w, plan, a.developer().token);
      if (p["currentPercentage"] == pct) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return p;
  };
  clock.advance(std::chrono::minutes(11));
  CHECK(await_percentage(10)["currentPercentage"] == 10);
  // Paused plans do not advance; on resume every step that came due applies.
  REQUIRE(test::act(w, plan, "pause", a.developer().token).status == 200);
  clock.advance(std::chrono::minutes(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  CHECK(test::get_plan(w, plan, a.developer().token)["currentPercentage"] == 10);
  auto resumed = test::act(w, plan, "resume", a.developer().token);
  REQUIRE(resumed.status == 200);
  CHECK(resumed.json()["currentPercentage"] == 50);
  clock.advance(std::chrono::minutes(10));
  const auto last = await_percentage(100);
  CHECK(last["currentPercentage"] == 100);
  CHECK(last["steps"][2]["applied"] == true);
  CHECK(w.audit_count("gray_plan.step_applied", plan) == 3);
}
