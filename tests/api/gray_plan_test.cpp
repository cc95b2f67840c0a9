// Gray plans through the API: who may create and drive them, what is validated at save time,
// the state machine, the quota of live plans, steps applied by the scheduler from the clock
// (a manual clock here), and the guard that keeps a plan's version from being deleted.
#include <catch2/catch.hpp>

#include "gray_world.hpp"
#include "support/manual_clock.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

struct PlanWorld {
  test::GrayWorld w;
  std::string app;
  explicit PlanWorld(test::TestServerOptions o = {}) : w(std::move(o)) {
    app = w.create_app(w.org_a, w.owner.token);
    w.upload_ok(app, "1.0.0", w.developer.token);
    REQUIRE(w.release(app, "1.0.0", w.developer.token).status == 200);
    w.upload_ok(app, "1.1.0", w.developer.token);
  }
  std::string plans_url() const { return fmt::format("/api/v1/apps/{}/gray/plans", app); }
};

const nlohmann::json kRule = test::one_condition("platform", "IN", {"ios"});

}  // namespace

TEST_CASE("gray plan creation: permissions and save-time validation", "[api][gray]") {
  PlanWorld f;
  const auto good = nlohmann::json{{"version", "1.1.0"}, {"rule", kRule}}.dump();
  const auto post = [&](std::string name, nlohmann::json body, int status,
                        std::vector<std::string> expected) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPost,
                    .url = f.plans_url(),
                    .headers = test::bearer_json(f.w.developer.token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected)};
  };
  const auto rule_with = [](nlohmann::json condition) {
    return nlohmann::json{{"groups", {{{"conditions", {condition}}}}}};
  };
  test::run_scenarios(
      f.w.server,
      {
          {.name = "anonymous is 401",
           .method = Method::kPost,
           .url = f.plans_url(),
           .body = good,
           .expected_status = 401},
          {.name = "a viewer lacks apps:release",
           .method = Method::kPost,
           .url = f.plans_url(),
           .headers = test::bearer_json(f.w.viewer.token),
           .body = good,
           .expected_status = 403},
          {.name = "another organisation gets 404",
           .method = Method::kPost,
           .url = f.plans_url(),
           .headers = test::bearer_json(f.w.other_owner.token),
           .body = good,
           .expected_status = 404},
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
               {R"("status":"draft")", R"("version":"1.1.0")"}),
      });
}

TEST_CASE("a version has at most one unfinished gray plan", "[api][gray]") {
  PlanWorld f;
  f.w.plan_ok(f.app, {{"version", "1.1.0"}, {"rule", kRule}}, f.w.developer.token);
  auto again = f.w.create_plan(f.app, {{"version", "1.1.0"}, {"rule", kRule}}, f.w.developer.token);
  CHECK(again.status == 409);
  CHECK(again.json()["code"] == "gray.plan_exists");
}

TEST_CASE("gray plan state machine", "[api][gray]") {
  PlanWorld f;
  const auto& token = f.w.developer.token;
  const auto plan = f.w.plan_ok(f.app, {{"version", "1.1.0"}, {"rule", kRule}}, token);
  CHECK(f.w.act(plan, "pause", token).status == 409);
  CHECK(f.w.act(plan, "complete", token).json()["code"] == "gray.invalid_transition");
  CHECK(f.w.act(plan, "start", f.w.viewer.token).status == 403);
  CHECK(f.w.act(plan, "start", f.w.other_owner.token).status == 404);
  REQUIRE(f.w.act(plan, "start", token).status == 200);
  CHECK(f.w.act(plan, "start", token).status == 409);
  // A running plan's version cannot be deleted, and a started plan cannot be deleted either.
  auto del = f.w.call(Method::kDelete, fmt::format("/api/v1/apps/{}/versions/1.1.0", f.app), token);
  CHECK(del.status == 409);
  CHECK(del.json()["code"] == "apps.version_in_gray_plan");
  CHECK(f.w.call(Method::kDelete, "/api/v1/gray/plans/" + plan, token).json()["code"] ==
        "gray.plan_not_draft");
  // Editing a running plan's rule is allowed; the list shows it.
  auto patched = f.w.call(Method::kPatch, "/api/v1/gray/plans/" + plan, token,
                          {{"rule", test::one_condition("platform", "IN", {"android"})}, {"priority", 5}});
  INFO(patched.body);
  REQUIRE(patched.status == 200);
  CHECK(patched.json()["priority"] == 5);
  auto list = f.w.call(Method::kGet, f.plans_url() + "?status=running", f.w.viewer.token);
  REQUIRE(list.status == 200);
  CHECK(list.json()["items"].size() == 1);
  CHECK(f.w.call(Method::kGet, f.plans_url() + "?status=bogus", token).status == 400);
  REQUIRE(f.w.act(plan, "rollback", token).status == 200);
  CHECK(f.w.call(Method::kPatch, "/api/v1/gray/plans/" + plan, token, {{"priority", 1}}).status == 409);
  CHECK(f.w.audit_count("gray_plan.started", plan) == 1);
  CHECK(f.w.audit_count("gray_plan.rolled_back", plan) == 1);
}

TEST_CASE("a draft plan can be deleted; a plan needs an online mini-program to start", "[api][gray]") {
  test::GrayWorld w;
  const auto app = w.create_app(w.org_a, w.owner.token);
  w.upload_ok(app, "0.1.0", w.developer.token);
  const auto plan = w.plan_ok(app, {{"version", "0.1.0"}, {"rule", kRule}}, w.developer.token);
  auto r = w.act(plan, "start", w.developer.token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "gray.app_not_online");
  CHECK(w.call(Method::kDelete, "/api/v1/gray/plans/" + plan, w.developer.token).status == 204);
  CHECK(w.call(Method::kGet, "/api/v1/gray/plans/" + plan, w.developer.token).status == 404);
}

TEST_CASE("live gray plans count against the organisation's quota", "[api][gray][quota]") {
  PlanWorld f;
  auto q = f.w.call(Method::kPut, fmt::format("/api/v1/platform/orgs/{}/quotas", f.w.org_a),
                    f.w.operator_admin.token, {{"maxGrayPlans", 1}});
  INFO(q.body);
  REQUIRE(q.status == 200);
  const auto first = f.w.plan_ok(f.app, {{"version", "1.1.0"}, {"rule", kRule}}, f.w.developer.token);
  REQUIRE(f.w.act(first, "start", f.w.developer.token).status == 200);
  f.w.upload_ok(f.app, "1.2.0", f.w.developer.token);
  const auto second = f.w.plan_ok(f.app, {{"version", "1.2.0"}, {"rule", kRule}}, f.w.developer.token);
  auto r = f.w.act(second, "start", f.w.developer.token);
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "quota.exceeded");
  REQUIRE(f.w.act(first, "rollback", f.w.developer.token).status == 200);
  CHECK(f.w.act(second, "start", f.w.developer.token).status == 200);
}

TEST_CASE("the scheduler applies steps as the clock passes them, each in the operation log",
          "[api][gray][schedule]") {
  test::ManualClock clock;
  PlanWorld f({.clock = &clock});
  const auto t0 = clock.unix_millis();
  const auto at = [&](int minutes) { return core::format_rfc3339_millis(t0 + minutes * 60'000LL); };
  auto steps = nlohmann::json::array();
  steps.push_back({{"percentage", 10}, {"at", at(10)}});
  steps.push_back({{"percentage", 50}, {"at", at(20)}});
  steps.push_back({{"percentage", 100}, {"at", at(30)}});
  nlohmann::json body = {{"version", "1.1.0"}, {"rule", {{"groups", {nlohmann::json::object()}}}}};
  body["steps"] = steps;
  const auto plan = f.w.plan_ok(f.app, body, f.w.developer.token);
  REQUIRE(f.w.act(plan, "start", f.w.developer.token).status == 200);
  CHECK(f.w.get_plan(plan, f.w.developer.token)["currentPercentage"] == 0);

  const auto await_percentage = [&](int pct) {
    nlohmann::json p;
    for (int i = 0; i < 300; ++i) {  // the scheduler ticks twice a second
      p = f.w.get_plan(plan, f.w.developer.token);
      if (p["currentPercentage"] == pct) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return p;
  };
  clock.advance(std::chrono::minutes(11));
  CHECK(await_percentage(10)["currentPercentage"] == 10);
  // Paused plans do not advance; on resume every step that came due applies.
  REQUIRE(f.w.act(plan, "pause", f.w.developer.token).status == 200);
  clock.advance(std::chrono::minutes(10));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  CHECK(f.w.get_plan(plan, f.w.developer.token)["currentPercentage"] == 10);
  auto resumed = f.w.act(plan, "resume", f.w.developer.token);
  REQUIRE(resumed.status == 200);
  CHECK(resumed.json()["currentPercentage"] == 50);
  clock.advance(std::chrono::minutes(10));
  const auto last = await_percentage(100);
  CHECK(last["currentPercentage"] == 100);
  CHECK(last["steps"][2]["applied"] == true);
  CHECK(f.w.audit_count("gray_plan.step_applied", plan) == 3);
}
