// Gray releases end to end: a running plan's rule decides, per user, whether the runtime answers
// the new version or the released one; pause, rollback and completion take effect in the runtime
// snapshot; UID lists, percentages and several plans in priority order.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "gray_steps.hpp"
#include "modules/gray/murmur3.hpp"
#include "runtime_sdk.hpp"

using namespace cove;
using cove::http::Method;

namespace {

// The test's rule puts a user in the 50 % group when their bucket for groupId "half" is ≤ 50.
bool gray_bucket_in(const std::string& uid) { return gray::rollout_bucket("half", uid) <= 50; }

// Org A's "Weather" with 1.0.0 released and 1.1.0 uploaded, served to the host app "Super App".
struct TwoVersions {
  test::World w = test::given() | test::org("A").owner().developer() |
                  test::app("Weather").released("1.0.0").approved("1.1.0") |
                  test::host_app("Super App").serving("Weather");
  test::OrgHandle& a = w.org("A");
  const test::HostAppHandle& host = w.host_app("Super App");
  const std::string app = w.app("Weather").id;

  TwoVersions() { REQUIRE(test::await_runtime(w, url("u"), host, 200, "1.0.0").status == 200); }

  std::string url(const std::string& uid, const std::string& extra = "") const {
    return fmt::format("/runtime/v1/apps/{}?uid={}{}", app, uid, extra);
  }
  std::string version_for(const std::string& uid, const std::string& extra = "") {
    auto r = test::runtime_get(w, url(uid, extra), host);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json()["version"].get<std::string>();
  }
};

}  // namespace

TEST_CASE("a running plan serves its version to the users its rule selects", "[api][gray][runtime]") {
  TwoVersions f;
  const auto plan = test::plan_ok(
      f.w, f.app, {{"version", "1.1.0"}, {"rule", test::one_condition("osVersion", "VERSION_GTE", {"17.2"})}},
      f.a.developer().token);
  // A draft changes nothing.
  CHECK(test::get_plan(f.w, plan, f.a.developer().token)["status"] == "draft");
  CHECK(f.version_for("u1", "&osVersion=18") == "1.0.0");

  REQUIRE(test::act(f.w, plan, "start", f.a.developer().token).status == 200);
  auto r = test::await_runtime(f.w, f.url("u1", "&osVersion=18"), f.host, 200, "1.1.0");
  INFO(r.body);
  const auto j = r.json();
  CHECK(j["version"] == "1.1.0");
  CHECK(j["gray"]["planId"] == plan);
  CHECK(j["package"]["signature"].get<std::string>().size() > 40);
  // Others keep the released version, and the answer says no plan chose it.
  CHECK(f.version_for("u2", "&osVersion=17.1") == "1.0.0");
  CHECK(f.version_for("u3") == "1.0.0");  // no osVersion: VERSION_GTE does not hold
  // The gray package may be downloaded by this host app.
  auto pkg = test::runtime_get(f.w, j["package"]["url"].get<std::string>(), f.host);
  CHECK(pkg.status == 200);

  // Pause: everyone back on the released version; resume: the rule applies again.
  REQUIRE(test::act(f.w, plan, "pause", f.a.developer().token).status == 200);
  CHECK(test::await_runtime(f.w, f.url("u1", "&osVersion=18"), f.host, 200, "\"1.0.0\"")
            .json()["gray"]
            .is_null());
  REQUIRE(test::act(f.w, plan, "resume", f.a.developer().token).status == 200);
  CHECK(test::await_runtime(f.w, f.url("u1", "&osVersion=18"), f.host, 200, "1.1.0").status == 200);

  // Complete: the version is released to everyone.
  auto done = test::act(f.w, plan, "complete", f.a.developer().token);
  INFO(done.body);
  REQUIRE(done.status == 200);
  CHECK(done.json()["status"] == "completed");
  auto all = test::await_runtime(f.w, f.url("u2", "&osVersion=10"), f.host, 200, "1.1.0");
  CHECK(all.json()["gray"].is_null());
  CHECK(f.w.audit_count("gray_plan.completed", plan) == 1);
  CHECK(f.w.audit_count("version.released") == 2);
}

TEST_CASE("rolling back a plan returns its users to the released version", "[api][gray][runtime]") {
  TwoVersions f;
  f.w | test::gray_plan("Weather", "1.1.0", test::one_condition("uid", "IN", {"alice"})).started();
  const auto plan = test::plan_id(f.w, "Weather", "1.1.0");
  REQUIRE(test::await_runtime(f.w, f.url("alice"), f.host, 200, "1.1.0").status == 200);
  CHECK(f.version_for("bob") == "1.0.0");
  auto r = test::act(f.w, plan, "rollback", f.a.developer().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "rolled_back");
  CHECK(test::await_runtime(f.w, f.url("alice"), f.host, 200, "1.0.0").json()["version"] == "1.0.0");
  // A finished plan is finished.
  CHECK(test::act(f.w, plan, "resume", f.a.developer().token).status == 409);
  // The version may get a new plan now.
  CHECK(test::create_plan(f.w, f.app,
                          {{"version", "1.1.0"}, {"rule", test::one_condition("uid", "IN", {"bob"})}},
                          f.a.developer().token)
            .status == 201);
}

TEST_CASE("UID lists and sticky percentages select users in the runtime", "[api][gray][runtime]") {
  TwoVersions f;
  f.w | test::uid_list("vip", "alice\nbob\n");
  const auto vip = test::uid_list_id(f.w, "vip");
  f.w | test::gray_plan("Weather", "1.1.0",
                        {{"groups", {{{"uidLists", {vip}}}, {{"percentage", 50}, {"groupId", "half"}}}}})
            .started();
  REQUIRE(test::await_runtime(f.w, f.url("alice"), f.host, 200, "1.1.0").status == 200);
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
  auto r = test::upload_list(f.w, Method::kPut, fmt::format("/api/v1/uid-lists/{}/members", vip),
                             f.a.developer().token, "carol\n");
  REQUIRE(r.status == 200);
  CHECK(test::await_runtime(f.w, f.url("carol"), f.host, 200, "1.1.0").status == 200);
}
