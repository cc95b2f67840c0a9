// Violation reports, cases and appeals (举报处理, issue 14): the SDK's signed report, console
// reports, the operators' decisions, the organisation's view and its one appeal per takedown, and
// what each step wrote (events and operation-log entries).
#include <fmt/format.h>
#include <algorithm>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/crypto.hpp"
#include "review_steps.hpp"
#include "runtime_sdk.hpp"
#include "support/scenario.hpp"
#include "support/world.hpp"

using cove::http::Method;
using cove::test::Scenario;
namespace test = cove::test;
namespace crypto = cove::core::crypto;

namespace {

// The smallest file the server takes for a PNG: its signature and a few bytes.
std::string png_base64() { return crypto::base64(std::string("\x89PNG\r\n\x1a\n", 8) + "cove test image"); }

test::World reported_world() {
  // The host app is made in the organisation named last: A.
  return test::given() | test::org("B").owner() | test::org("A").owner().developer() | test::operators() |
         test::app("Weather").in("A").released("1.0.0") | test::app("Tool").in("B").uploaded("1.0.0") |
         test::host_app("Super App").serving("Weather");
}

nlohmann::json report(const std::string& category, const std::string& uid = "alice") {
  return {{"category", category}, {"text", "It asks for my wallet seed phrase"}, {"uid", uid}};
}

// Rows run in order in one section: each sees what the rows before it did.
void run_in_order(test::World& w, const std::vector<Scenario>& rows) {
  for (const auto& row : rows) test::run_scenario(w.server, row);
}

std::string case_of(test::World& w, const std::string& app_name) {
  auto r = w.call(Method::kGet, "/api/v1/platform/cases?appId=" + w.app(app_name).id, w.reviewer().token);
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["items"].size() == 1);
  return r.json()["items"][0]["id"].get<std::string>();
}

}  // namespace

TEST_CASE("end users report through the SDK; reports group into one case per mini-program",
          "[api][review][cases]") {
  test::World w = reported_world();
  const auto& host = w.host_app("Super App");
  const auto target = fmt::format("/runtime/v1/apps/{}/reports", w.app("Weather").id);

  auto first = test::runtime_post(w, target, host,
                                  {{"category", "fraud"},
                                   {"text", "It asks for my wallet seed phrase"},
                                   {"uid", "alice"},
                                   {"screenshots", {png_base64()}}});
  INFO(first.body);
  REQUIRE(first.status == 202);
  CHECK(first.json()["category"] == "fraud");
  CHECK(first.json().contains("reportId"));
  CHECK(test::runtime_post(w, target, host, report("privacy", "bob")).status == 202);
  CHECK(w.event_count("case.reported") == 2);
  CHECK(w.audit_count("case.reported") == 2);

  const auto id = case_of(w, "Weather");
  auto detail = w.call(Method::kGet, "/api/v1/platform/cases/" + id, w.reviewer().token);
  REQUIRE(detail.status == 200);
  const auto c = detail.json();
  CHECK(c["status"] == "open");
  CHECK(c["reportCount"] == 2);
  CHECK(c["categories"]["fraud"] == 1);
  CHECK(c["categories"]["privacy"] == 1);
  CHECK(c["orgName"] == "Org A");
  CHECK(c["reports"].size() == 2);
  CHECK(c["reports"][1]["uid"] == "alice");  // operators see who reported
  CHECK(c["reports"][1]["hostAppId"] == host.id);
  REQUIRE(c["files"].size() == 1);
  const auto sha = c["files"][0]["sha256"].get<std::string>();
  CHECK(c["reports"][1]["screenshots"][0] == sha);

  // The organisation sees its case, what was reported, not by whom; another organisation nothing.
  auto& a = w.org("A");
  auto own = w.call(Method::kGet, "/api/v1/cases/" + id, a.developer().token);
  REQUIRE(own.status == 200);
  CHECK(own.json()["reports"][0].contains("text"));
  CHECK_FALSE(own.json()["reports"][0].contains("uid"));
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/cases", a.owner().token).json()["total"] == 1);
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + w.org("B").id + "/cases", w.org("B").owner().token)
            .json()["total"] == 0);

  run_in_order(
      w,
      {
          {.name = "a screenshot of the case for the operator",
           .method = Method::kGet,
           .url = fmt::format("/api/v1/platform/cases/{}/files/{}", id, sha),
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 200,
           .expected = {"cove test image"}},
          {.name = "and for the organisation",
           .method = Method::kGet,
           .url = fmt::format("/api/v1/cases/{}/files/{}", id, sha),
           .headers = test::bearer_json(a.developer().token),
           .expected_status = 200},
          {.name = "a hash the case does not hold",
           .method = Method::kGet,
           .url = fmt::format("/api/v1/platform/cases/{}/files/{}", id, std::string(64, 'e')),
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 404,
           .expected = {"cases.file_not_found"}},
          {.name = "another organisation's case is not found",
           .method = Method::kGet,
           .url = "/api/v1/cases/" + id,
           .headers = test::bearer_json(w.org("B").owner().token),
           .expected_status = 404},
          {.name = "the reports of a case, paged",
           .method = Method::kGet,
           .url = fmt::format("/api/v1/platform/cases/{}/reports?limit=1", id),
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 200,
           .expected = {R"("total":2)", R"("category":"privacy")"}},
          {.name = "an unknown status filter",
           .method = Method::kGet,
           .url = "/api/v1/platform/cases?status=closed",
           .headers = test::bearer_json(w.reviewer().token),
           .expected_status = 400,
           .expected = {"unknown_value"}},
      });
}

TEST_CASE("runtime reports are signed, validated and rate-limited", "[api][review][cases]") {
  test::World w = reported_world();
  const auto& host = w.host_app("Super App");
  const auto target = fmt::format("/runtime/v1/apps/{}/reports", w.app("Weather").id);
  const auto expect = [&](const cove::http::ClientResponse& r, int status, const std::string& needle) {
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(r.body.find(needle) != std::string::npos);
  };

  // Unsigned, or signed without the body: refused before anything is read.
  expect(w.server.client().request(Method::kPost, target, {}, report("fraud").dump()), 401, "runtime.");
  expect(w.server.client().request(Method::kPost, target, test::sign("POST", target, host), report("fraud").dump()),
         401, "runtime.bad_signature");
  expect(test::runtime_post(w, target, host, {{"category", "spam"}, {"text", "x"}}), 400, "unknown_value");
  expect(test::runtime_post(w, target, host, {{"category", "fraud"}}), 400, R"("text":{"code":"required")");
  expect(test::runtime_post(w, target, host, {{"category", "fraud"}, {"text", "x"}, {"screenshots", {"%%%"}}}), 400,
         "invalid_format");
  expect(test::runtime_post(w, target, host,
                            {{"category", "fraud"}, {"text", "x"}, {"screenshots", {crypto::base64("plain text")}}}),
         400, "not_allowed");
  expect(test::runtime_post(w, target, host, {{"category", "fraud"}, {"text", "x"}, {"colour", "red"}}), 400,
         "unknown_field");
  // A mini-program the host app does not run, and one that does not exist.
  expect(test::runtime_post(w, fmt::format("/runtime/v1/apps/{}/reports", w.app("Tool").id), host, report("fraud")),
         404, "runtime.not_associated");
  expect(test::runtime_post(w, "/runtime/v1/apps/app_nope/reports", host, report("fraud")), 404,
         "runtime.app_not_found");
  CHECK(w.event_count("case.reported") == 0);

  // Ten reports an hour from one user; another user is not held back.
  for (int i = 0; i < 10; ++i) REQUIRE(test::runtime_post(w, target, host, report("other", "carol")).status == 202);
  expect(test::runtime_post(w, target, host, report("other", "carol")), 429, "cases.too_many_reports");
  CHECK(test::runtime_post(w, target, host, report("other", "dave")).status == 202);
  CHECK(w.event_count("case.reported") == 11);
}

TEST_CASE("an operator takes a mini-program down from its case; the organisation appeals once; restore lifts it",
          "[api][review][cases]") {
  test::World w = reported_world();
  const auto& host = w.host_app("Super App");
  const auto app_target = "/runtime/v1/apps/" + w.app("Weather").id;
  REQUIRE(test::runtime_post(w, app_target + "/reports", host, report("fraud")).status == 202);
  const auto id = case_of(w, "Weather");
  auto& a = w.org("A");
  const auto reviewer = w.reviewer().token;
  const auto appeal = nlohmann::json{
      {"text", "We removed the seed phrase form"},
      {"attachments", {{{"name", "fix.png"}, {"data", png_base64()}}}}};

  run_in_order(
      w,
      {
          {.name = "the organisation cannot appeal before a takedown",
           .method = Method::kPost,
           .url = "/api/v1/cases/" + id + "/appeal",
           .headers = test::bearer_json(a.owner().token),
           .body = appeal.dump(),
           .expected_status = 409,
           .expected = {"cases.not_taken_down"}},
          {.name = "a takedown needs a reason",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/takedown",
           .headers = test::bearer_json(reviewer),
           .body = "{}",
           .expected_status = 400,
           .expected = {R"("reason":{"code":"required")"}},
          {.name = "take it down",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/takedown",
           .headers = test::bearer_json(reviewer),
           .body = R"({"reason":"Phishing for seed phrases"})",
           .expected_status = 200,
           .expected = {R"("status":"taken_down")", R"("takedowns":1)"},
           .events = {"case.taken_down", "app.status_changed"},
           .audit = {"case.taken_down", "app.taken_down"}},
          {.name = "a case is decided once",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/warn",
           .headers = test::bearer_json(reviewer),
           .body = R"({"message":"late"})",
           .expected_status = 409,
           .expected = {"cases.invalid_transition"}},
      });
  CHECK(test::await_runtime(w, app_target, host, 404, "runtime.app_offline").status == 404);

  // The organisation reads the reason on its case.
  auto seen = w.call(Method::kGet, "/api/v1/cases/" + id, a.developer().token);
  CHECK(seen.json()["resolution"] == "Phishing for seed phrases");

  run_in_order(
      w,
      {
          {.name = "another organisation cannot appeal",
           .method = Method::kPost,
           .url = "/api/v1/cases/" + id + "/appeal",
           .headers = test::bearer_json(w.org("B").owner().token),
           .body = appeal.dump(),
           .expected_status = 404},
          {.name = "an attachment of another type",
           .method = Method::kPost,
           .url = "/api/v1/cases/" + id + "/appeal",
           .headers = test::bearer_json(a.owner().token),
           .body = nlohmann::json{{"text", "x"}, {"attachments", {{{"name", "a.txt"}, {"data", crypto::base64("hi")}}}}}
                       .dump(),
           .expected_status = 400,
           .expected = {R"("attachments[0].data":{"code":"not_allowed")"}},
          {.name = "appeal with text and a file",
           .method = Method::kPost,
           .url = "/api/v1/cases/" + id + "/appeal",
           .headers = test::bearer_json(a.owner().token),
           .body = appeal.dump(),
           .expected_status = 201,
           .expected = {R"("status":"pending")", R"("takedown":1)"},
           .events = {"case.appealed"},
           .audit = {"case.appealed"}},
          {.name = "once per takedown",
           .method = Method::kPost,
           .url = "/api/v1/cases/" + id + "/appeal",
           .headers = test::bearer_json(a.developer().token),
           .body = appeal.dump(),
           .expected_status = 409,
           .expected = {"cases.appeal_exists"}},
          {.name = "restore lifts the takedown",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/restore",
           .headers = test::bearer_json(reviewer),
           .body = R"({"note":"Fixed in 1.0.1"})",
           .expected_status = 200,
           .expected = {R"("status":"restored")"},
           .events = {"case.restored", "app.status_changed"},
           .audit = {"case.restored", "app.restored"}},
          {.name = "the appeal was decided",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/uphold",
           .headers = test::bearer_json(reviewer),
           .expected_status = 409,
           .expected = {"cases.no_pending_appeal"}},
      });
  CHECK(test::await_runtime(w, app_target, host, 200).status == 200);
  auto restored = w.call(Method::kGet, "/api/v1/cases/" + id, a.owner().token).json();
  CHECK(restored["appeals"][0]["status"] == "restored");
  CHECK(restored["appeals"][0]["decision"] == "Fixed in 1.0.1");
  CHECK(restored["files"].size() == 1);

  // A new report opens the restored case again, counting from one.
  REQUIRE(test::runtime_post(w, app_target + "/reports", host, report("illegal", "erin")).status == 202);
  auto reopened = w.call(Method::kGet, "/api/v1/platform/cases/" + id, reviewer).json();
  CHECK(reopened["status"] == "open");
  CHECK(reopened["openReports"] == 1);
  CHECK(reopened["reportCount"] == 2);
  CHECK(reopened["history"].back()["action"] == "reported");

  // Each step reached the people it concerns: the organisation's managers the takedown and the
  // restore, the platform's reviewers the reports and the appeal.
  REQUIRE(w.server.app().events().drain(std::chrono::seconds(10)));
  const auto kinds = [&](const std::string& token) {
    std::vector<std::string> out;
    const auto page = w.call(Method::kGet, "/api/v1/me/notifications?category=case", token).json();
    for (const auto& item : page["items"]) out.push_back(item["kind"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(kinds(a.owner().token) == std::vector<std::string>{"case.restored", "case.taken_down"});
  CHECK(kinds(a.developer().token).empty());
  CHECK(kinds(reviewer) == std::vector<std::string>{"case.appealed", "case.reported", "case.reported"});
  const auto owner_items = w.call(Method::kGet, "/api/v1/me/notifications?category=case", a.owner().token).json();
  for (const auto& item : owner_items["items"]) {
    CHECK(item["link"] == "/o/" + a.id + "/cases");
    CHECK(item["title"].get<std::string>().find("Weather") != std::string::npos);
  }
}

TEST_CASE("dismiss, warn and an upheld appeal", "[api][review][cases]") {
  test::World w = reported_world();
  auto& a = w.org("A");
  const auto reviewer = w.reviewer().token;
  const auto weather = w.app("Weather").id;

  run_in_order(
      w,
      {
          {.name = "an organisation member files a report in the console",
           .method = Method::kPost,
           .url = "/api/v1/orgs/" + w.org("B").id + "/reports",
           .headers = test::bearer_json(w.org("B").owner().token),
           .body = nlohmann::json{{"appId", weather}, {"category", "copyright"}, {"text", "Our artwork"}}.dump(),
           .expected_status = 202,
           .events = {"case.reported"},
           .audit = {"case.reported"}},
          {.name = "about a mini-program that does not exist",
           .method = Method::kPost,
           .url = "/api/v1/orgs/" + w.org("B").id + "/reports",
           .headers = test::bearer_json(w.org("B").owner().token),
           .body = R"({"appId":"app_nope","category":"other","text":"x"})",
           .expected_status = 404,
           .expected = {"apps.not_found"}},
      });
  const auto id = case_of(w, "Weather");
  CHECK(w.call(Method::kGet, "/api/v1/platform/cases/" + id, reviewer).json()["reports"][0]["reporterOrgId"] ==
        w.org("B").id);

  run_in_order(
      w,
      {
          {.name = "dismiss",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/dismiss",
           .headers = test::bearer_json(reviewer),
           .body = R"({"note":"Licensed artwork"})",
           .expected_status = 200,
           .expected = {R"("status":"dismissed")"},
           .events = {"case.dismissed"},
           .audit = {"case.dismissed"}},
          {.name = "organisation members do not decide cases",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/warn",
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"message":"x"})",
           .expected_status = 403},
          {.name = "an operator's report reopens it",
           .method = Method::kPost,
           .url = "/api/v1/platform/reports",
           .headers = test::bearer_json(reviewer),
           .body = nlohmann::json{{"appId", weather}, {"category", "fraud"}, {"text", "Complaint by phone"}}.dump(),
           .expected_status = 202,
           .events = {"case.reported"},
           .audit = {"case.reported"}},
          {.name = "a warning needs its message",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/warn",
           .headers = test::bearer_json(reviewer),
           .expected_status = 400},
          {.name = "warn the organisation",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/warn",
           .headers = test::bearer_json(reviewer),
           .body = R"({"message":"Show the licence on the about page"})",
           .expected_status = 200,
           .expected = {R"("status":"warned")", "Show the licence"},
           .events = {"case.warned"},
           .audit = {"case.warned"}},
      });

  REQUIRE(w.call(Method::kPost, "/api/v1/platform/reports", reviewer,
                 {{"appId", weather}, {"category", "malicious"}, {"text", "Drains wallets"}})
              .status == 202);
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/cases/" + id + "/takedown", reviewer, {{"reason", "Drainer"}})
              .status == 200);
  REQUIRE(w.call(Method::kPost, "/api/v1/cases/" + id + "/appeal", a.owner().token, {{"text", "Not us"}}).status ==
          201);
  run_in_order(
      w,
      {
          {.name = "uphold the takedown",
           .method = Method::kPost,
           .url = "/api/v1/platform/cases/" + id + "/uphold",
           .headers = test::bearer_json(reviewer),
           .body = R"({"note":"The drainer is still in 1.0.0"})",
           .expected_status = 200,
           .expected = {R"("status":"taken_down")"},
           .events = {"case.appeal_upheld"},
           .audit = {"case.appeal_upheld"}},
          {.name = "no second appeal of the same takedown",
           .method = Method::kPost,
           .url = "/api/v1/cases/" + id + "/appeal",
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"text":"Please"})",
           .expected_status = 409,
           .expected = {"cases.appeal_exists"}},
          {.name = "the organisation cannot bring it online itself",
           .method = Method::kPost,
           .url = "/api/v1/apps/" + weather + "/online",
           .headers = test::bearer_json(a.owner().token),
           .expected_status = 409,
           .expected = {"apps.taken_down"}},
      });
  CHECK(w.call(Method::kGet, "/api/v1/platform/cases?status=taken_down", reviewer).json()["total"] == 1);
}

TEST_CASE("a reviewer rejects with screenshots the organisation can open", "[api][review][cases]") {
  test::World w = test::given() | test::org("B").owner() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").uploaded("1.0.0") | test::submitted("Weather", "1.0.0");
  const auto review = test::review_id(w, "Weather", "1.0.0");
  const auto app = w.app("Weather").id;
  auto& a = w.org("A");
  const auto url = "/api/v1/platform/reviews/" + review + "/reject";

  run_in_order(
      w,
      {
          {.name = "a screenshot that is not an image",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.reviewer().token),
           .body = nlohmann::json{{"reasonCategory", "content"},
                                  {"reason", "x"},
                                  {"screenshots", {crypto::base64("plain")}}}
                       .dump(),
           .expected_status = 400,
           .expected = {R"("screenshots[0]":{"code":"not_allowed")"}},
          {.name = "reject with a screenshot",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.reviewer().token),
           .body = nlohmann::json{{"reasonCategory", "content"},
                                  {"reason", "The home page shows a fake airdrop"},
                                  {"screenshots", {png_base64()}}}
                       .dump(),
           .expected_status = 200,
           .expected = {R"("status":"rejected")"},
           .events = {"review.rejected"},
           .audit = {"review.rejected"}},
      });
  auto list = w.call(Method::kGet, "/api/v1/apps/" + app + "/reviews", a.developer().token).json();
  REQUIRE(list["items"][0]["screenshots"].size() == 1);
  const auto sha = list["items"][0]["screenshots"][0]["sha256"].get<std::string>();
  CHECK(list["items"][0]["screenshots"][0]["contentType"] == "image/png");
  const auto file = fmt::format("/api/v1/apps/{}/reviews/{}/files/{}", app, review, sha);
  auto got = w.server.client().request(Method::kGet, file, test::bearer(a.developer().token));
  CHECK(got.status == 200);
  CHECK(got.body.find("cove test image") != std::string::npos);
  CHECK(w.server.client().request(Method::kGet, file, test::bearer(w.org("B").owner().token)).status == 404);
  CHECK(w.server.client()
            .request(Method::kGet, fmt::format("/api/v1/platform/reviews/{}/files/{}", review, sha),
                     test::bearer(w.reviewer().token))
            .status == 200);
  CHECK(w.server.client()
            .request(Method::kGet, fmt::format("/api/v1/platform/reviews/{}/files/{}", review, std::string(64, 'd')),
                     test::bearer(w.reviewer().token))
            .body.find("review.file_not_found") != std::string::npos);
}
