// The simulation's explanations agree with the evaluator on every context, and read well.
#include <catch2/catch.hpp>

#include <random>

#include <fmt/format.h>

#include "modules/gray/context_attributes.hpp"
#include "modules/gray/rule_explain.hpp"

using namespace cove;
using namespace cove::gray;

namespace {

class Lists final : public UidLists {
 public:
  bool contains(std::string_view list, std::string_view uid) const override {
    return list == "ulst_vip" && (uid == "u3" || uid == "u7");
  }
};

}  // namespace

TEST_CASE("explain_rule agrees with Rule::matches", "[unit][gray][explain]") {
  core::FieldErrors errors;
  const auto rule = Rule::parse(nlohmann::json::parse(R"({"groups":[
      {"conditions":[{"attribute":"platform","operator":"IN","values":["ios"]},
                     {"attribute":"osVersion","operator":"VERSION_GTE","values":["17.2"]}]},
      {"uidLists":["ulst_vip"]},
      {"conditions":[{"attribute":"region","operator":"IN","values":["cn"],"inverted":true}],"percentage":40}]})"),
                                errors);
  REQUIRE(rule);
  std::mt19937 rng(7);
  const std::vector<std::string> platforms = {"ios", "android", ""};
  const std::vector<std::string> versions = {"16", "17.1", "17.2", "18.0.1", ""};
  const std::vector<std::string> regions = {"cn", "us", ""};
  const Lists lists;
  const auto now = core::TimePoint{};
  for (int i = 0; i < 500; ++i) {
    ContextAttributes ctx;
    ctx.set("uid", fmt::format("u{}", rng() % 20));
    if (const auto& p = platforms[rng() % 3]; !p.empty()) ctx.set("platform", p);
    if (const auto& v = versions[rng() % 5]; !v.empty()) ctx.set("osVersion", v);
    if (const auto& r = regions[rng() % 3]; !r.empty()) ctx.set("region", r);
    const auto verdict = explain_rule(*rule, ctx, lists, "gpl_x", now);
    CHECK(verdict.matched == rule->matches(ctx, lists, "gpl_x", now));
    CHECK(verdict.explanation["groups"].size() == 3);
  }
}

TEST_CASE("explanations read as sentences", "[unit][gray][explain]") {
  core::FieldErrors errors;
  const auto rule = Rule::parse(nlohmann::json::parse(R"({"groups":[
      {"conditions":[{"attribute":"ctx.tier","operator":"IN","values":["gold","silver"],"inverted":true}],
       "percentage":50,"groupId":"g"}]})"),
                                errors);
  REQUIRE(rule);
  ContextAttributes ctx;
  ctx.set("ctx.tier", "bronze");
  ctx.set("uid", "alice");
  const auto v = explain_rule(*rule, ctx, Lists(), "gpl_x", core::TimePoint{});
  const auto& g = v.explanation["groups"][0];
  CHECK(g["conditions"][0]["explanation"] == "ctx.tier is \"bronze\"; NOT IN gold, silver holds");
  CHECK(g["percentage"]["explanation"].get<std::string>().starts_with(
      "uid (or deviceId) \"alice\" falls in bucket"));
  LivePlan plan{"gpl_x", "1.0.0", *rule, 0};
  const auto p = explain_plan(plan, ctx, Lists(), core::TimePoint{});
  CHECK(p.matched == false);
  CHECK(p.explanation["rollout"]["explanation"] == "the schedule has not reached its first step: nobody yet");
}
