// Gray releases end to end: a running plan's rule decides, per user, whether the runtime answers
// the new version or the released one; pause, rollback and completion take effect in the runtime
// snapshot; UID lists, percentages and several plans in priority order.
#include <catch2/catch.hpp>

#include "gray_world.hpp"
#include "modules/gray/murmur3.hpp"

using namespace cove;
using cove::http::Method;

namespace {

// The test's rule puts a user in the 50 % group when their bucket for groupId "half" is ≤ 50.
bool gray_bucket_in(const std::string& uid) { return gray::rollout_bucket("half", uid) <= 50; }

struct TwoVersions {
  test::GrayWorld w;
  test::TestHost host;
  std::string app;

  TwoVersions() {
    app = w.create_app(w.org_a, w.owner.token);
    w.upload_ok(app, "1.0.0", w.developer.token);
    REQUIRE(w.release(app, "1.0.0", w.developer.token).status == 200);
    w.upload_ok(app, "1.1.0", w.developer.token);
    host = w.create_host(w.org_a);
    w.associate(host, app);
    REQUIRE(w.await_runtime(url("u"), host, 200, "1.0.0").status == 200);
  }

  std::string url(const std::string& uid, const std::string& extra = "") const {
    return fmt::format("/runtime/v1/apps/{}?uid={}{}", app, uid, extra);
  }
  std::string version_for(const std::string& uid, const std::string& extra = "") {
    auto r = w.runtime_get(url(uid, extra), host);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json()["version"].get<std::string>();
  }
};

}  // namespace

TEST_CASE("a running plan serves its version to the users its rule selects", "[api][gray][runtime]") {
  TwoVersions f;
  const auto plan = f.w.plan_ok(
      f.app, {{"version", "1.1.0"}, {"rule", test::one_condition("osVersion", "VERSION_GTE", {"17.2"})}},
      f.w.developer.token);
  // A draft changes nothing.
  CHECK(f.w.get_plan(plan, f.w.developer.token)["status"] == "draft");
  CHECK(f.version_for("u1", "&osVersion=18") == "1.0.0");

  REQUIRE(f.w.act(plan, "start", f.w.developer.token).status == 200);
  auto r = f.w.await_runtime(f.url("u1", "&osVersion=18"), f.host, 200, "1.1.0");
  INFO(r.body);
  const auto j = r.json();
  CHECK(j["version"] == "1.1.0");
  CHECK(j["gray"]["planId"] == plan);
  CHECK(j["package"]["signature"].get<std::string>().size() > 40);
  // Others keep the released version, and the answer says no plan chose it.
  CHECK(f.version_for("u2", "&osVersion=17.1") == "1.0.0");
  CHECK(f.version_for("u3") == "1.0.0");  // no osVersion: VERSION_GTE does not hold
  // The gray package may be downloaded by this host app.
  auto pkg = f.w.runtime_get(j["package"]["url"].get<std::string>(), f.host);
  CHECK(pkg.status == 200);

  // Pause: everyone back on the released version; resume: the rule applies again.
  REQUIRE(f.w.act(plan, "pause", f.w.developer.token).status == 200);
  CHECK(f.w.await_runtime(f.url("u1", "&osVersion=18"), f.host, 200, "\"1.0.0\"").json()["gray"].is_null());
  REQUIRE(f.w.act(plan, "resume", f.w.developer.token).status == 200);
  CHECK(f.w.await_runtime(f.url("u1", "&osVersion=18"), f.host, 200, "1.1.0").status == 200);

  // Complete: the version is released to everyone.
  auto done = f.w.act(plan, "complete", f.w.developer.token);
  INFO(done.body);
  REQUIRE(done.status == 200);
  CHECK(done.json()["status"] == "completed");
  auto all = f.w.await_runtime(f.url("u2", "&osVersion=10"), f.host, 200, "1.1.0");
  CHECK(all.json()["gray"].is_null());
  CHECK(f.w.audit_count("gray_plan.completed", plan) == 1);
  CHECK(f.w.audit_count("version.released") == 2);
}

TEST_CASE("rolling back a plan returns its users to the released version", "[api][gray][runtime]") {
  TwoVersions f;
  const auto plan =
      f.w.plan_ok(f.app, {{"version", "1.1.0"}, {"rule", test::one_condition("uid", "IN", {"alice"})}},
                  f.w.developer.token);
  REQUIRE(f.w.act(plan, "start", f.w.developer.token).status == 200);
  REQUIRE(f.w.await_runtime(f.url("alice"), f.host, 200, "1.1.0").status == 200);
  CHECK(f.version_for("bob") == "1.0.0");
  auto r = f.w.act(plan, "rollback", f.w.developer.token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "rolled_back");
  CHECK(f.w.await_runtime(f.url("alice"), f.host, 200, "1.0.0").json()["version"] == "1.0.0");
  // A finished plan is finished.
  CHECK(f.w.act(plan, "resume", f.w.developer.token).status == 409);
  // The version may get a new plan now.
  CHECK(f.w.create_plan(f.app, {{"version", "1.1.0"}, {"rule", test::one_condition("uid", "IN", {"bob"})}},
                        f.w.developer.token)
            .status == 201);
}

TEST_CASE("UID lists and sticky percentages select users in the runtime", "[api][gray][runtime]") {
  TwoVersions f;
  const auto vip = f.w.create_list(f.w.org_a, "vip", "alice\nbob\n", f.w.developer.token);
  const nlohmann::json rule = {
      {"groups", {{{"uidLists", {vip}}}, {{"percentage", 50}, {"groupId", "half"}}}}};
  const auto plan = f.w.plan_ok(f.app, {{"version", "1.1.0"}, {"rule", rule}}, f.w.developer.token);
  REQUIRE(f.w.act(plan, "start", f.w.developer.token).status == 200);
  REQUIRE(f.w.await_runtime(f.url("alice"), f.host, 200, "1.1.0").status == 200);
  CHECK(f.version_for("bob") == "1.1.0");

  // Of 200 other users about half are in, and each keeps their answer.
  int in = 0;
  for (int i = 0; i < 200; ++i) {
    const auto uid = fmt::format("user-{}", i);
    const auto bucket = gray_bucket_in(uid);
    const auto v = f.version_for(uid);
    CHECK(v == (bucket ? "1.1.0" : "1.0.0"));
    in += v == "1.1.0";
  }
  CHECK(in > 60);
  CHECK(in < 140);

  // Replacing the list takes effect: bob is out unless his bucket is in the half.
  auto r = f.w.upload_list(Method::kPut, fmt::format("/api/v1/uid-lists/{}/members", vip),
                           f.w.developer.token, "carol\n");
  REQUIRE(r.status == 200);
  CHECK(f.w.await_runtime(f.url("carol"), f.host, 200, "1.1.0").status == 200);
}
