// Version review, organisation side and the whole path (issue 14): submit → pre-checks →
// in_review → claim → approve | reject → release; withdraw; automatic rejection; the policy.
#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "gray_steps.hpp"
#include "review_steps.hpp"
#include "support/scenario.hpp"
#include "support/world.hpp"

using cove::http::Method;
using cove::test::Scenario;
namespace test = cove::test;

namespace {

std::string version_url(test::World& w, const std::string& version, const std::string& action = "") {
  return fmt::format("/api/v1/apps/{}/versions/{}{}", w.app("Weather").id, version, action);
}

std::string version_status(test::World& w, const std::string& version) {
  return w.call(Method::kGet, version_url(w, version), w.org("A").developer().token).json()["status"];
}

// Uploads `version` of Weather with extra files.
void upload_with(test::World& w, const std::string& version, std::vector<test::ZipItem> extra) {
  const auto& a = w.org("A");
  auto r = test::upload(w, w.app("Weather").id, version, a.developer().token, test::package(w, version, std::move(extra)));
  INFO(r.body);
  REQUIRE(r.status == 201);
}

nlohmann::json check_named(const nlohmann::json& review, const std::string& name) {
  for (const auto& c : review["checks"]) {
    if (c["name"] == name) return c;
  }
  FAIL("no check named " << name << " in " << review.dump());
  return nullptr;
}

}  // namespace

TEST_CASE("submit: pre-checks run, the version waits for a reviewer and cannot be released yet",
          "[api][review]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::operators() |
                  test::app("Weather").released("1.0.0").uploaded("1.1.0");
  auto& a = w.org("A");
  const auto dev = test::bearer_json(a.developer().token);
  std::string review;
  // In order: each row sees what the rows before it did.
  for (const auto& scenario : std::vector<Scenario>{
          {.name = "a viewer may not submit",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/submit"),
           .headers = test::bearer_json(a.viewer().token),
           .body = "{}",
           .expected_status = 403},
          {.name = "unknown fields are refused",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/submit"),
           .headers = dev,
           .body = R"({"note":"typo"})",
           .expected_status = 400,
           .expected = {R"("note":{"code":"unknown_field")"}},
          {.name = "a test account needs a username",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/submit"),
           .headers = dev,
           .body = R"({"testAccount":{"password":"x"}})",
           .expected_status = 400,
           .expected = {R"("testAccount.username":{"code":"required")"}},
          {.name = "an unknown version",
           .method = Method::kPost,
           .url = version_url(w, "9.9.9", "/submit"),
           .headers = dev,
           .body = "{}",
           .expected_status = 404,
           .expected = {"apps.version_not_found"}},
          {.name = "a released version is not submitted again",
           .method = Method::kPost,
           .url = version_url(w, "1.0.0", "/submit"),
           .headers = dev,
           .body = "{}",
           .expected_status = 409,
           .expected = {"review.not_submittable"}},
          {.name = "submitted: the pre-checks ran and passed",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/submit"),
           .headers = dev,
           .body = R"({"notes":"Radar maps","testAccount":{"username":"demo","password":"pw"},"expedite":true})",
           .expected_status = 202,
           .expected = {R"("status":"in_review")", R"("checkCounts":{"fail":0,"pass":6,"warn":0})"},
           .events = {"review.submitted"},
           .audit = {"review.submitted"},  // and review.prechecked, by the pre-checks (system)
           .check = [&](const cove::http::ClientResponse& r) { review = r.json()["reviewId"]; }},
          {.name = "one open review per mini-program",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/submit"),
           .headers = dev,
           .body = "{}",
           .expected_status = 409,
           .expected = {"review.already_open"}},
          {.name = "release before approval",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/release"),
           .headers = dev,
           .expected_status = 409,
           .expected = {"review.approval_required"}},
          {.name = "a version under review is not deleted",
           .method = Method::kDelete,
           .url = version_url(w, "1.1.0"),
           .headers = dev,
           .expected_status = 409,
           .expected = {"review.version_under_review"}},
      })
    test::run_scenario(w.server, scenario);
  REQUIRE(!review.empty());
  CHECK(version_status(w, "1.1.0") == "in_review");
  CHECK(w.audit_count("review.prechecked", review) == 1);

  // The organisation's list shows the review with its checks and submission fields.
  auto list = w.call(Method::kGet, "/api/v1/apps/" + w.app("Weather").id + "/reviews", a.viewer().token);
  REQUIRE(list.status == 200);
  CHECK(list.json()["total"] == 2);  // 1.0.0's (approved by the world step) and this one
  const auto item = list.json()["items"][0];
  CHECK(item["id"] == review);
  CHECK(item["notes"] == "Radar maps");
  CHECK(item["expedite"] == true);
  CHECK(item["testAccount"]["username"] == "demo");
  CHECK(item["checks"].size() == 6);

  // The reviewer sees it in the queue, with the difference from the released version.
  auto detail = w.call(Method::kGet, "/api/v1/platform/reviews/" + review, w.reviewer().token);
  REQUIRE(detail.status == 200);
  CHECK(detail.json()["releasedVersion"] == "1.0.0");
  CHECK(detail.json()["diff"]["files"]["changed"].size() == 1);  // pages/index/index.js
  CHECK(detail.json()["orgName"] == "Org A");
  CHECK(detail.json()["history"][0]["action"] == "submitted");
  CHECK(detail.json()["history"][1]["action"] == "prechecked");

  // Claimed by one reviewer, another is told; approved by the claimer; then the org releases.
  const auto reviews = std::string("/api/v1/platform/reviews/") + review;
  // In order: each row sees what the rows before it did.
  for (const auto& scenario : std::vector<Scenario>{
          {.name = "an organisation member is not a reviewer",
           .method = Method::kPost,
           .url = reviews + "/approve",
           .headers = test::bearer_json(a.owner().token),
           .expected_status = 403},
          {.name = "the reviewer claims it",
           .method = Method::kPost,
           .url = reviews + "/claim",
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 200,
           .expected = {R"("claim":{)", R"("status":"in_review")"},
           .audit = {"review.claimed"}},
          {.name = "a second reviewer cannot claim it while the claim holds",
           .method = Method::kPost,
           .url = reviews + "/claim",
           .headers = test::bearer_json(w.platform_admin().token),
           .expected_status = 409,
           .expected = {"review.claimed", "reviewer is working on this review"}},
          {.name = "nor approve it",
           .method = Method::kPost,
           .url = reviews + "/approve",
           .headers = test::bearer_json(w.platform_admin().token),
           .expected_status = 409,
           .expected = {"review.claimed"}},
          {.name = "the claimer approves",
           .method = Method::kPost,
           .url = reviews + "/approve",
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 200,
           .expected = {R"("status":"approved")"},
           .events = {"review.approved"},
           .audit = {"review.approved"}},
          {.name = "a decided review is not decided again",
           .method = Method::kPost,
           .url = reviews + "/reject",
           .headers = test::bearer_json(w.reviewer().token),
           .body = R"({"reasonCategory":"content","reason":"late"})",
           .expected_status = 409,
           .expected = {"review.invalid_transition"}},
          {.name = "the organisation releases the approved version",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/release"),
           .headers = dev,
           .expected_status = 200,
           .expected = {R"("status":"released")"},
           .events = {"version.released"},
           .audit = {"version.released"}},
      })
    test::run_scenario(w.server, scenario);
}

TEST_CASE("pre-checks that fail reject automatically with the evidence; warnings go to the reviewer",
          "[api][review][prechecks]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0");
  auto& a = w.org("A");

  upload_with(w, "1.1.0", {{"pages/index/util.js", "const f = new Function('return 1');\nlet x = eval(src);\n"}});
  auto r = w.call(Method::kPost, version_url(w, "1.1.0", "/submit"), a.developer().token, nlohmann::json::object());
  INFO(r.body);
  REQUIRE(r.status == 202);
  CHECK(r.json()["status"] == "rejected");
  const auto review = r.json()["review"];
  CHECK(review["reasonCategory"] == "precheck");
  CHECK(review["decidedBy"] == "system");
  CHECK(review["reason"].get<std::string>().find("dynamic_code") != std::string::npos);
  const auto dynamic = check_named(review, "dynamic_code");
  CHECK(dynamic["result"] == "fail");
  REQUIRE(dynamic["evidence"].size() == 2);
  CHECK(dynamic["evidence"][0]["file"] == "pages/index/util.js");
  CHECK(dynamic["evidence"][0]["line"] == 1);
  CHECK(dynamic["evidence"][1]["line"] == 2);
  CHECK(dynamic["evidence"][1]["excerpt"] == "let x = eval(src);");
  CHECK(version_status(w, "1.1.0") == "rejected");
  CHECK(w.event_count("review.rejected") == 1);
  CHECK(w.audit_count("review.rejected", review["id"]) == 1);
  // Nothing waits for a reviewer.
  auto overview = w.call(Method::kGet, "/api/v1/platform/overview", w.reviewer().token);
  CHECK(overview.body.find(R"({"count":0,"key":"pendingReviews"})") != std::string::npos);

  // Hosts are reported as a warning; the review waits for a human.
  upload_with(w, "1.2.0", {{"pages/index/net.js", "wx.request({url: 'https://api.weather.example/v1'});\n"
                                                  "const ws = 'wss://push.weather.example/socket';\n"}});
  r = w.call(Method::kPost, version_url(w, "1.2.0", "/submit"), a.developer().token, nlohmann::json::object());
  REQUIRE(r.status == 202);
  CHECK(r.json()["status"] == "in_review");
  const auto domains = check_named(r.json()["review"], "domains");
  CHECK(domains["result"] == "warn");
  CHECK(domains["details"]["hosts"].size() == 2);
  CHECK(domains["summary"].get<std::string>().find("api.weather.example") != std::string::npos);
  overview = w.call(Method::kGet, "/api/v1/platform/overview", w.reviewer().token);
  CHECK(overview.body.find(R"({"count":1,"key":"pendingReviews"})") != std::string::npos);
}

TEST_CASE("privacy declarations and the operators' keyword list", "[api][review][prechecks]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0");
  auto& a = w.org("A");

  // Settings: validated, then a warn word and a fail word.
  auto s = w.call(Method::kPut, "/api/v1/platform/review-settings", w.platform_admin().token,
                  {{"keywords", {{{"word", "casino"}, {"level", "maybe"}}}}});
  CHECK(s.status == 400);
  CHECK(s.body.find(R"("keywords[0].level":{"code":"unknown_value")") != std::string::npos);
  CHECK(w.call(Method::kPut, "/api/v1/platform/review-settings", w.reviewer().token, {{"required", false}}).status ==
        403);
  s = w.call(Method::kPut, "/api/v1/platform/review-settings", w.platform_admin().token,
             {{"keywords", {{{"word", "lottery"}}, {{"word", "Casino"}, {"level", "fail"}}}}});
  REQUIRE(s.status == 200);
  CHECK(s.json()["keywords"][0]["level"] == "warn");
  CHECK(w.audit_count("review.settings_updated") == 1);

  // getLocation without requiredPrivateInfos: fail; the keyword in any letter case: fail.
  upload_with(w, "1.1.0", {{"pages/index/where.js", "wx.getLocation({type: 'gcj02'});\n// Online CASINO\n"}});
  auto r = w.call(Method::kPost, version_url(w, "1.1.0", "/submit"), a.developer().token, nlohmann::json::object());
  REQUIRE(r.status == 202);
  CHECK(r.json()["status"] == "rejected");
  const auto privacy = check_named(r.json()["review"], "privacy");
  CHECK(privacy["result"] == "fail");
  CHECK(privacy["details"]["undeclared"] == nlohmann::json{"getLocation"});
  CHECK(privacy["evidence"][0]["excerpt"] == "wx.getLocation({type: 'gcj02'});");
  const auto keywords = check_named(r.json()["review"], "keywords");
  CHECK(keywords["result"] == "fail");
  CHECK(keywords["evidence"][0]["line"] == 2);

  // Declared, and only the warn word: in review with a warning.
  const auto app_json =
      R"({"pages":["pages/index/index","pages/about/about"],"requiredPrivateInfos":["getLocation"]})";
  const auto path = w.scratch_file("declared.zip");
  test::write_zip(path, {{"app.json", app_json},
                         {"pages/index/index.js", "wx.getLocation({});\n// lottery results\n"},
                         {"pages/about/about.js", "Page({})"}});
  REQUIRE(test::upload(w, w.app("Weather").id, "1.2.0", a.developer().token, path).status == 201);
  r = w.call(Method::kPost, version_url(w, "1.2.0", "/submit"), a.developer().token, nlohmann::json::object());
  REQUIRE(r.status == 202);
  CHECK(r.json()["status"] == "in_review");
  CHECK(check_named(r.json()["review"], "privacy")["result"] == "pass");
  CHECK(check_named(r.json()["review"], "keywords")["result"] == "warn");
}

TEST_CASE("withdraw before a decision; approve and withdraw race", "[api][review][withdraw]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::operators() |
                  test::app("Weather").released("1.0.0").uploaded("1.1.0") | test::submitted("Weather", "1.1.0");
  auto& a = w.org("A");
  const auto review = test::review_id(w, "Weather", "1.1.0");
  // In order: each row sees what the rows before it did.
  for (const auto& scenario : std::vector<Scenario>{
          {.name = "a viewer may not withdraw",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/withdraw"),
           .headers = test::bearer_json(a.viewer().token),
           .expected_status = 403},
          {.name = "a version without an open review",
           .method = Method::kPost,
           .url = version_url(w, "1.0.0", "/withdraw"),
           .headers = test::bearer_json(a.developer().token),
           .expected_status = 409,
           .expected = {"review.not_open"}},
          {.name = "withdrawn",
           .method = Method::kPost,
           .url = version_url(w, "1.1.0", "/withdraw"),
           .headers = test::bearer_json(a.developer().token),
           .expected_status = 200,
           .expected = {R"("status":"withdrawn")"},
           .events = {"review.withdrawn"},
           .audit = {"review.withdrawn"}},
          {.name = "approve after the withdrawal loses",
           .method = Method::kPost,
           .url = "/api/v1/platform/reviews/" + review + "/approve",
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 409,
           .expected = {"review.invalid_transition", R"("status":"withdrawn")"}},
      })
    test::run_scenario(w.server, scenario);
  CHECK(version_status(w, "1.1.0") == "uploaded");

  // Resubmitted; the reviewer approves first, then the withdrawal loses.
  w | test::submitted("Weather", "1.1.0");
  const auto second = test::review_id(w, "Weather", "1.1.0");
  CHECK(second != review);
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/reviews/" + second + "/approve", w.reviewer().token).status == 200);
  auto r = w.call(Method::kPost, version_url(w, "1.1.0", "/withdraw"), a.developer().token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "review.not_open");
  CHECK(version_status(w, "1.1.0") == "approved");
}

TEST_CASE("concurrent claims: exactly one reviewer wins", "[api][review][race]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0").uploaded("1.1.0") | test::submitted("Weather", "1.1.0");
  const auto url = "/api/v1/platform/reviews/" + test::review_id(w, "Weather", "1.1.0") + "/claim";
  const std::string tokens[] = {w.reviewer().token, w.platform_admin().token};
  std::vector<int> statuses(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] { statuses[i] = w.call(Method::kPost, url, tokens[i]).status; });
  for (auto& t : threads) t.join();
  std::sort(statuses.begin(), statuses.end());
  CHECK(statuses == std::vector<int>{200, 409});
  CHECK(w.audit_count("review.claimed") == 1);
}

TEST_CASE("reject: reason category and text; the organisation sees why", "[api][review][reject]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0").uploaded("1.1.0") | test::submitted("Weather", "1.1.0");
  const auto url = "/api/v1/platform/reviews/" + test::review_id(w, "Weather", "1.1.0") + "/reject";
  const auto rev = test::bearer_json(w.reviewer().token);
  // In order: each row sees what the rows before it did.
  for (const auto& scenario : std::vector<Scenario>{
          {.name = "a category and a reason are required",
           .method = Method::kPost,
           .url = url,
           .headers = rev,
           .body = "{}",
           .expected_status = 400,
           .expected = {R"("reasonCategory":{"code":"required")", R"("reason":{"code":"required")"}},
          {.name = "an unknown category",
           .method = Method::kPost,
           .url = url,
           .headers = rev,
           .body = R"({"reasonCategory":"vibes","reason":"x"})",
           .expected_status = 400,
           .expected = {R"("reasonCategory":{"code":"unknown_value")"}},
          {.name = "at most 500 characters",
           .method = Method::kPost,
           .url = url,
           .headers = rev,
           .body = nlohmann::json{{"reasonCategory", "content"}, {"reason", std::string(501, 'x')}}.dump(),
           .expected_status = 400,
           .expected = {R"("reason":{"code":"too_long")"}},
          {.name = "rejected",
           .method = Method::kPost,
           .url = url,
           .headers = rev,
           .body = R"({"reasonCategory":"functionality","reason":"The login page does not open"})",
           .expected_status = 200,
           .expected = {R"("status":"rejected")", R"("reasonCategory":"functionality")"},
           .events = {"review.rejected"},
           .audit = {"review.rejected"}},
      })
    test::run_scenario(w.server, scenario);
  CHECK(version_status(w, "1.1.0") == "rejected");
  auto list = w.call(Method::kGet, "/api/v1/apps/" + w.app("Weather").id + "/reviews", w.org("A").developer().token);
  CHECK(list.json()["items"][0]["reason"] == "The login page does not open");
}

TEST_CASE("release on approval; gray plans need an approved version", "[api][review][gray]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0").uploaded("1.1.0");
  auto& a = w.org("A");
  auto plan = w.call(Method::kPost, "/api/v1/apps/" + w.app("Weather").id + "/gray/plans", a.developer().token,
                     {{"version", "1.1.0"}, {"rule", test::one_condition("platform", "IN", {"ios"})}});
  CHECK(plan.status == 409);
  CHECK(plan.json()["code"] == "gray.version_not_releasable");

  w | test::submitted("Weather", "1.1.0", {{"releaseOnApproval", true}});
  auto r = w.call(Method::kPost, "/api/v1/platform/reviews/" + test::review_id(w, "Weather", "1.1.0") + "/approve",
                  w.reviewer().token);
  REQUIRE(r.status == 200);
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + w.app("Weather").id, a.developer().token).json()["releasedVersion"] ==
        "1.1.0");
  CHECK(version_status(w, "1.1.0") == "released");
}

TEST_CASE("the review policy: platform setting and per-organisation override", "[api][review][policy]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::org("B").owner() | test::operators() |
                  test::app("Weather").in("A").uploaded("1.0.0") | test::app("Tool").in("B").uploaded("1.0.0");
  auto& a = w.org("A");
  const auto policy = [&](const std::string& org) {
    return w.call(Method::kGet, "/api/v1/orgs/" + w.org(org).id + "/review-policy", w.org(org).owner().token).json();
  };
  CHECK(policy("A") == nlohmann::json{{"required", true}, {"orgOverride", nullptr}, {"platformRequired", true}});

  const auto org_url = fmt::format("/api/v1/platform/orgs/{}/review-policy", a.id);
  // In order: each row sees what the rows before it did.
  for (const auto& scenario : std::vector<Scenario>{
          {.name = "reviewers do not set policies",
           .method = Method::kPut,
           .url = org_url,
           .headers = test::bearer_json(w.reviewer().token),
           .body = R"({"required":false})",
           .expected_status = 403},
          {.name = "required must be given",
           .method = Method::kPut,
           .url = org_url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({})",
           .expected_status = 400,
           .expected = {R"("required":{"code":"required")"}},
          {.name = "an unknown organisation",
           .method = Method::kPut,
           .url = "/api/v1/platform/orgs/org_nope/review-policy",
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"required":false})",
           .expected_status = 404,
           .expected = {"orgs.not_found"}},
          {.name = "organisation A self-releases",
           .method = Method::kPut,
           .url = org_url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"required":false})",
           .expected_status = 200,
           .expected = {R"("orgOverride":false)", R"("required":false)"},
           .audit = {"review.org_policy_set"}},
      })
    test::run_scenario(w.server, scenario);
  CHECK(test::release(w, w.app("Weather").id, "1.0.0", a.developer().token).status == 200);
  auto b = test::release(w, w.app("Tool").id, "1.0.0", w.org("B").owner().token);
  CHECK(b.status == 409);
  CHECK(b.json()["code"] == "review.approval_required");

  // The platform turns review off: B releases; an override of true would keep it on.
  REQUIRE(w.call(Method::kPut, "/api/v1/platform/review-settings", w.platform_admin().token, {{"required", false}})
              .status == 200);
  CHECK(policy("B")["required"] == false);
  CHECK(test::release(w, w.app("Tool").id, "1.0.0", w.org("B").owner().token).status == 200);
}

TEST_CASE("approve and withdraw at the same time: one wins, the version agrees with it", "[api][review][race]") {
  for (int round = 0; round < 3; ++round) {
    test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                    test::app("Weather").released("1.0.0").uploaded("1.1.0") | test::submitted("Weather", "1.1.0");
    const auto review = test::review_id(w, "Weather", "1.1.0");
    int approve = 0, withdraw = 0;
    std::thread a([&] {
      approve = w.call(Method::kPost, "/api/v1/platform/reviews/" + review + "/approve", w.reviewer().token).status;
    });
    std::thread b([&] {
      withdraw = w.call(Method::kPost, version_url(w, "1.1.0", "/withdraw"), w.org("A").developer().token).status;
    });
    a.join();
    b.join();
    INFO("approve " << approve << ", withdraw " << withdraw);
    CHECK(((approve == 200 && withdraw == 409) || (approve == 409 && withdraw == 200)));
    CHECK(version_status(w, "1.1.0") == (approve == 200 ? "approved" : "uploaded"));
    // 1.0.0 was approved by the world step; of this race, exactly one decision was announced.
    CHECK(w.event_count("review.approved") + w.event_count("review.withdrawn") == 2);
  }
}
