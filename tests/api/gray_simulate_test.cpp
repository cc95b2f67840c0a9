// Simulation, evaluation and rollout preview: which version a context would get and a readable
// reason for every condition; any rule against any context; the share a plan would select.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "gray_steps.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("simulate explains which plan and group decide, condition by condition", "[api][gray][simulate]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() |
                  test::app("Weather").released("1.0.0").approved("1.1.0").approved("1.2.0") |
                  test::uid_list("beta", "tester\n");
  auto& a = w.org("A");
  const auto& token = a.developer().token;
  const auto app = w.app("Weather").id;
  const auto beta = test::uid_list_id(w, "beta");
  // Priority 1: testers get 1.2.0; priority 10: iOS ≥ 17.2 gets 1.1.0.
  w | test::gray_plan("Weather", "1.2.0", {{"groups", {{{"uidLists", {beta}}}}}}).priority(1).started() |
      test::gray_plan(
          "Weather", "1.1.0",
          {{"groups",
            {{{"conditions",
               {{{"attribute", "platform"}, {"operator", "IN"}, {"values", {"ios"}}},
                {{"attribute", "osVersion"}, {"operator", "VERSION_GTE"}, {"values", {"17.2"}}}}}}}}})
          .priority(10)
          .started();
  const auto p_new = test::plan_id(w, "Weather", "1.2.0");
  const auto p_ios = test::plan_id(w, "Weather", "1.1.0");
  const auto simulate = [&](nlohmann::json context) {
    auto r = w.call(Method::kPost, fmt::format("/api/v1/apps/{}/gray/simulate", app), a.viewer().token,
                    {{"context", context}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
  };

  auto tester = simulate({{"uid", "tester"}, {"platform", "ios"}, {"osVersion", "18.0"}});
  CHECK(tester["version"] == "1.2.0");
  CHECK(tester["source"] == "gray");
  CHECK(tester["planId"] == p_new);
  CHECK(tester["plans"][0]["groups"][0]["uidLists"]["explanation"] ==
        "uid \"tester\" is in the list " + beta);

  auto ios = simulate({{"uid", "u1"}, {"platform", "ios"}, {"osVersion", "17.1"}});
  CHECK(ios["version"] == "1.0.0");
  CHECK(ios["source"] == "released");
  const auto& conds = ios["plans"][1]["groups"][0]["conditions"];
  CHECK(conds[0]["held"] == true);
  CHECK(conds[1]["held"] == false);
  CHECK(conds[1]["explanation"] == "osVersion is \"17.1\"; VERSION_GTE 17.2 does not hold");
  auto missing = simulate({{"uid", "u1"}, {"platform", "ios"}});
  CHECK(missing["plans"][1]["groups"][0]["conditions"][1]["explanation"] ==
        "osVersion is missing; VERSION_GTE 17.2 does not hold");
  CHECK(simulate({{"uid", "u2"}, {"platform", "ios"}, {"osVersion", "17.2"}})["planId"] == p_ios);

  // Bad contexts are field errors.
  auto bad = w.call(Method::kPost, fmt::format("/api/v1/apps/{}/gray/simulate", app), token,
                    {{"context", {{"shoeSize", "42"}}}});
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("context.shoeSize":{"code":"unknown_attribute")") != std::string::npos);
}

TEST_CASE("evaluate any rule against a context", "[api][gray][simulate]") {
  test::World w = test::given() | test::org("A").viewer();
  auto& a = w.org("A");
  const nlohmann::json rule = {
      {"groups",
       {{{"conditions",
          {{{"attribute", "now"}, {"operator", "DATE_AFTER"}, {"values", {"2026-12-01T00:00:00Z"}}},
           {{"attribute", "ctx.channel"},
            {"operator", "STR_STARTS_WITH"},
            {"values", {"BETA"}},
            {"caseInsensitive", true}}}}}}}};
  auto before =
      w.call(Method::kPost, "/api/v1/gray/evaluate", a.viewer().token,
             {{"rule", rule}, {"context", {{"ctx.channel", "beta-2"}}}, {"now", "2026-11-30T00:00:00Z"}});
  INFO(before.body);
  REQUIRE(before.status == 200);
  CHECK(before.json()["matched"] == false);
  auto after =
      w.call(Method::kPost, "/api/v1/gray/evaluate", a.viewer().token,
             {{"rule", rule}, {"context", {{"ctx.channel", "beta-2"}}}, {"now", "2026-12-02T00:00:00Z"}});
  CHECK(after.json()["matched"] == true);
  CHECK(after.json()["group"] == 0);
  auto bad = w.call(Method::kPost, "/api/v1/gray/evaluate", a.viewer().token,
                    {{"rule", {{"groups", 3}}}, {"now", "soon"}});
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("now":{"code":"invalid_time")") != std::string::npos);
}

TEST_CASE("rollout preview: the share of a sample a plan selects", "[api][gray][simulate]") {
  test::World w =
      test::given() | test::org("A").owner().developer().viewer() | test::app("Weather").approved("1.0.0");
  auto& a = w.org("A");
  const auto& token = a.developer().token;
  const auto app = w.app("Weather").id;
  const auto plan =
      test::plan_ok(w, app, {{"version", "1.0.0"}, {"rule", {{"groups", {{{"percentage", 30}}}}}}}, token);
  auto r = w.call(Method::kPost, fmt::format("/api/v1/gray/plans/{}/preview", plan), a.viewer().token,
                  {{"sample", 20000}});
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["sampleSize"] == 20000);
  const double share = r.json()["share"].get<double>();
  CHECK(share > 0.28);
  CHECK(share < 0.32);
  const auto list = test::create_list(w, a.id, "sample", "a\nb\nc\nd\n", token);
  auto l =
      w.call(Method::kPost, fmt::format("/api/v1/gray/plans/{}/preview", plan), token, {{"uidList", list}});
  CHECK(l.json()["sampleSize"] == 4);
  CHECK(w.call(Method::kPost, fmt::format("/api/v1/gray/plans/{}/preview", plan), token,
               {{"uidList", list}, {"sample", 5}})
            .status == 400);
}
