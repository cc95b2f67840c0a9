// The operation log read by people (issue 14 "Operation log readable"): an organisation's own
// entries, the operators' whole log, filters, pages, time ranges, the CSV export and the chain
// check. Plus every list's time range (issue 13 "date ranges where a list has times").
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

namespace {

std::vector<std::string> actions_of(const nlohmann::json& page) {
  std::vector<std::string> out;
  for (const auto& e : page["items"]) out.push_back(e["action"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("an organisation reads its own operation log; nobody else does", "[api][oplog]") {
  test::World w = test::given() | test::org("A").owner().admin().viewer() | test::org("B").owner() |
                  test::operators() | test::app("Weather").in("A") | test::app("Other").in("B");
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto url = "/api/v1/orgs/" + a.id + "/operation-log";
  test::run_scenarios(
      w.server,
      {
          {.name = "no token", .url = url, .expected_status = 401},
          {.name = "a viewer may not read the log (IPs and user agents of members)",
           .url = url,
           .headers = test::bearer(a.viewer().token),
           .expected_status = 403},
          {.name = "another organisation's owner gets 404",
           .url = url,
           .headers = test::bearer(b.owner().token),
           .expected_status = 404},
          {.name = "an admin reads it",
           .url = url,
           .headers = test::bearer(a.admin().token),
           .expected = {R"("action":"app.created")", R"("total":)"},
           .not_expected = {b.id, "Other"}},
          {.name = "a bad action filter names the parameter",
           .url = url + "?action=App%20Created",
           .headers = test::bearer(a.owner().token),
           .expected_status = 400,
           .expected = {R"("action":{"code":"invalid_format")"}},
          {.name = "a time that is not RFC 3339",
           .url = url + "?from=yesterday",
           .headers = test::bearer(a.owner().token),
           .expected_status = 400,
           .expected = {R"("from":{"code":"invalid_time")"}},
          {.name = "a range that ends before it starts",
           .url = url + "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
           .headers = test::bearer(a.owner().token),
           .expected_status = 400,
           .expected = {R"("to":{"code":"before_from")"}},
          {.name = "an unknown result",
           .url = url + "?result=maybe",
           .headers = test::bearer(a.owner().token),
           .expected_status = 400,
           .expected = {R"("result":{"code":"unknown_value")"}},
      });

  // Every entry is A's, newest first, with who, what, where from.
  auto r = w.call(Method::kGet, url, a.owner().token);
  REQUIRE(r.status == 200);
  const auto body = r.json();
  REQUIRE_FALSE(body["items"].empty());
  std::int64_t previous = INT64_MAX;
  for (const auto& e : body["items"]) {
    CHECK(e["orgId"] == a.id);
    const auto id = std::stoll(e["id"].get<std::string>());
    CHECK(id < previous);
    previous = id;
    CHECK(e["actor"]["kind"].is_string());
    CHECK(e["requestId"].is_string());
    CHECK(e["at"].get<std::string>().ends_with("Z"));
  }
  CHECK(body["total"] == body["items"].size());
}

TEST_CASE("operation-log filters: action family, one object's history, result, time range, pages", "[api][oplog]") {
  test::World w = test::given() | test::org("A").owner() | test::operators() | test::app("Weather").in("A");
  auto& a = w.org("A");
  const auto app_id = w.app("Weather").id;
  REQUIRE(w.call(Method::kPatch, "/api/v1/apps/" + app_id, a.owner().token, {{"description", "Rain or shine"}})
              .status == 200);
  w | test::app("Radar").in("A");
  const auto url = "/api/v1/orgs/" + a.id + "/operation-log";
  const auto get = [&](const std::string& query) {
    auto res = w.call(Method::kGet, url + query, a.owner().token);
    INFO(query << " → " << res.status << " " << res.body);
    REQUIRE(res.status == 200);
    return res.json();
  };

  // One object's history: created then updated, newest first.
  const auto history = get("?targetType=app&targetId=" + app_id);
  CHECK(actions_of(history) == std::vector<std::string>{"app.updated", "app.created"});
  CHECK(history["items"][0]["before"].is_object());
  CHECK(history["items"][0]["after"].is_object());

  // A family: every app.* action; an exact action.
  const auto family = get("?action=app.");
  CHECK(family["total"] == 3);
  CHECK(get("?action=app.created")["total"] == 2);
  CHECK(get("?action=app.created&result=failure")["total"] == 0);

  // Actor: the owner did all of it.
  CHECK(get("?actorId=" + a.owner().id)["total"].get<int>() >= 3);
  CHECK(get("?actorId=usr_nobody")["total"] == 0);

  // Time range: everything is after yesterday, nothing is before it, nothing after tomorrow.
  const auto all = get("")["total"].get<int>();
  CHECK(get("?from=2000-01-01T00:00:00Z")["total"] == all);
  CHECK(get("?to=2000-01-01T00:00:00Z")["total"] == 0);
  CHECK(get("?from=2200-01-01T00:00:00%2B08:00")["total"] == 0);

  // Pages: a cursor walk and numbered pages read the same entries.
  std::vector<std::string> walked;
  std::string cursor;
  do {
    const auto page = get("?limit=2" + (cursor.empty() ? std::string() : "&cursor=" + cursor));
    CHECK(page["total"] == all);
    for (const auto& e : page["items"]) walked.push_back(e["id"]);
    cursor = page["nextCursor"].is_string() ? page["nextCursor"].get<std::string>() : "";
  } while (!cursor.empty());
  CHECK(static_cast<int>(walked.size()) == all);
  const auto second = get("?limit=2&offset=2");
  REQUIRE(second["items"].size() >= 1);
  CHECK(second["items"][0]["id"] == walked[2]);
}

TEST_CASE("the operators' whole log: every organisation, failures, and the chain check", "[api][oplog]") {
  test::World w = test::given() | test::org("A").owner() | test::org("B").owner() | test::operators() |
                  test::app("Weather").in("A") | test::app("Other").in("B");
  auto& a = w.org("A");
  const auto wrong = test::sign_in(w.server, a.owner().email, "not-the-password");
  REQUIRE(wrong.status == 401);
  const auto url = std::string("/api/v1/platform/operation-log");
  test::run_scenarios(w.server, {
                                    {.name = "an org owner may not", .url = url,
                                     .headers = test::bearer(a.owner().token), .expected_status = 403},
                                    {.name = "a reviewer may not (platform:audit is the admins')", .url = url,
                                     .headers = test::bearer(w.reviewer().token), .expected_status = 403},
                                    {.name = "verify is the admins' too", .url = url + "/verify",
                                     .headers = test::bearer(w.reviewer().token), .expected_status = 403},
                                });
  const auto get = [&](const std::string& query) {
    auto res = w.call(Method::kGet, url + query, w.platform_admin().token);
    INFO(query << " → " << res.status << " " << res.body);
    REQUIRE(res.status == 200);
    return res.json();
  };
  const auto both = get("?action=app.created");
  CHECK(both["total"] == 2);
  CHECK(get("?action=app.created&orgId=" + w.org("B").id)["total"] == 1);
  // The wrong password is a failure, and a platform-level entry (no organisation).
  const auto failures = get("?result=failure");
  REQUIRE(failures["total"].get<int>() >= 1);
  for (const auto& e : failures["items"]) CHECK(e["result"] == "failure");
  CHECK(actions_of(failures)[0] == "auth.login_failed");
  CHECK(get("?orgId=platform&action=auth.login_failed")["total"].get<int>() >= 1);
  CHECK(get("?orgId=platform&action=app.created")["total"] == 0);

  auto verify = w.call(Method::kGet, url + "/verify", w.platform_admin().token);
  REQUIRE(verify.status == 200);
  CHECK(verify.json()["ok"] == true);
  CHECK(verify.json()["entries"].get<int>() >= 3);
  CHECK(verify.json()["firstBadId"].is_null());
  CHECK(verify.json()["headHash"].get<std::string>().size() == 64);
}

TEST_CASE("the operation log exports as CSV: every matching entry, quoted, formulas defused", "[api][oplog]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  auto& a = w.org("A");
  // A name a spreadsheet would run as a formula, with a comma and a quote.
  REQUIRE(w.call(Method::kPatch, "/api/v1/orgs/" + a.id, a.owner().token, {{"contactName", "=cmd, \"x\""}})
              .status == 200);
  for (int i = 0; i < 3; ++i) w | test::app(fmt::format("App {}", i)).in("A");
  const auto url = "/api/v1/orgs/" + a.id + "/operation-log";
  auto json = w.call(Method::kGet, url, a.owner().token);
  REQUIRE(json.status == 200);
  const auto total = json.json()["total"].get<std::size_t>();

  auto csv = w.call(Method::kGet, url + "?format=csv", a.owner().token);
  REQUIRE(csv.status == 200);
  CHECK(csv.headers.get("Content-Type").value_or("").starts_with("text/csv"));
  CHECK(csv.headers.get("Content-Disposition").value_or("").find("attachment") != std::string_view::npos);
  REQUIRE(csv.body.starts_with("\xEF\xBB\xBFid,time,actorKind"));
  std::size_t lines = 0;
  for (std::size_t pos = 0; (pos = csv.body.find("\r\n", pos)) != std::string::npos; pos += 2) ++lines;
  CHECK(lines == total + 1);  // the header and one line per entry (no field here spans lines)
  // The contact name went into the org.updated entry's JSON: quoted once for CSV, its quotes doubled.
  CHECK(csv.body.find(R"(""contactName"":""=cmd, \""x\"""")") != std::string::npos);
  CHECK(csv.body.find(",app.created,success,app,") != std::string::npos);

  // Filters apply to the export too; the temporary file is gone after the answer.
  auto one = w.call(Method::kGet, url + "?format=csv&action=org.updated", a.owner().token);
  REQUIRE(one.status == 200);
  lines = 0;
  for (std::size_t pos = 0; (pos = one.body.find("\r\n", pos)) != std::string::npos; pos += 2) ++lines;
  CHECK(lines == 2);
  std::size_t leftover = 0;
  for (const auto& f : std::filesystem::directory_iterator(w.server.data_dir() / "blobs" / "tmp")) {
    (void)f;
    ++leftover;
  }
  CHECK(leftover == 0);
}

TEST_CASE("every list narrows to a time range, its total too", "[api][lists]") {
  test::World w = test::given() | test::org("A").owner() | test::operators() |
                  test::app("Weather").in("A").uploaded("1.0.0") |
                  test::host_app("Super App");
  auto& a = w.org("A");
  const auto& owner = a.owner().token;
  const std::vector<std::pair<std::string, std::string>> lists = {
      {"/api/v1/orgs/" + a.id + "/apps", owner},
      {"/api/v1/orgs/" + a.id + "/host-apps", owner},
      {"/api/v1/orgs/" + a.id + "/members", owner},
      {"/api/v1/apps/" + w.app("Weather").id + "/versions", owner},
      {"/api/v1/platform/orgs?status=active", w.platform_admin().token},
      {"/api/v1/platform/apps", w.platform_admin().token},
  };
  for (const auto& [url, token] : lists) {
    const auto sep = url.find('?') == std::string::npos ? "?" : "&";
    const auto total = [&](const std::string& query) {
      auto r = w.call(Method::kGet, url + sep + query, token);
      INFO(url << sep << query << " → " << r.status << " " << r.body);
      REQUIRE(r.status == 200);
      CHECK(r.json()["total"].get<std::size_t>() == r.json()["items"].size());
      return r.json()["total"].get<int>();
    };
    const auto all = total("limit=50");
    INFO(url);
    CHECK(all >= 1);
    CHECK(total("from=2000-01-01T00:00:00Z") == all);
    CHECK(total("from=2000-01-01T00:00:00Z&to=2200-01-01T00:00:00Z") == all);
    CHECK(total("to=2000-01-01T00:00:00Z") == 0);
    CHECK(total("from=2200-01-01T00:00:00Z") == 0);
    auto bad = w.call(Method::kGet, url + sep + "to=2000-01-01", token);
    CHECK(bad.status == 400);
    CHECK(bad.json()["details"]["fields"]["to"]["code"] == "invalid_time");
  }
}
