// Announcements (issue 16): operators publish them to everyone, to operators only or to chosen
// organisations, for a time window; each reader sees those meant for them, with read and
// dismissed state; the Markdown body is stored rendered and sanitised.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/clock.hpp"
#include "notify_steps.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

const std::string kUrl = "/api/v1/platform/announcements";

std::string in_minutes(int minutes) {
  return core::format_rfc3339(std::chrono::system_clock::now() + std::chrono::minutes(minutes));
}

std::string create(test::World& w, const nlohmann::json& body) {
  const auto r = w.call(Method::kPost, kUrl, w.platform_admin().token, body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<std::string>();
}

std::vector<std::string> visible(test::World& w, const std::string& token) {
  const auto r = w.call(Method::kGet, "/api/v1/me/announcements", token);
  REQUIRE(r.status == 200);
  std::vector<std::string> titles;
  const auto body = r.json();  // kept: the loop below iterates inside it
  for (const auto& a : body["items"]) titles.push_back(a["title"].get<std::string>());
  std::sort(titles.begin(), titles.end());
  return titles;
}

}  // namespace

TEST_CASE("operators create announcements; bad input is refused field by field", "[api][notify][announcements]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  const auto& admin = w.platform_admin();
  const auto post = [&](std::string name, nlohmann::json body, int status, std::vector<std::string> expected,
                        std::vector<std::string> events = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPost,
                    .url = kUrl,
                    .headers = test::bearer_json(admin.token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected),
                    .events = events,
                    .audit = events};
  };
  const nlohmann::json ok = {{"title", "维护通知"}, {"body", "**Sunday** 02:00 <script>alert(1)</script>"}};
  auto with = [&](nlohmann::json extra) {
    auto b = ok;
    b.update(extra);
    return b;
  };
  test::run_scenarios(
      w.server,
      {
          [&] {
            auto row = post("a title and a body are enough: everyone, info, from now", ok, 201,
                            {R"("audience":"all")", R"("severity":"info")", R"("status":"active")",
                             "<strong>Sunday</strong>"},
                            {"announcement.created"});
            // The script never reached the stored HTML; the Markdown is kept as written.
            row.check = [](const http::ClientResponse& r) {
              CHECK(r.json()["bodyHtml"].get<std::string>().find("<script") == std::string::npos);
              CHECK(r.json()["bodyMarkdown"].get<std::string>().find("<script>") != std::string::npos);
            };
            return row;
          }(),
          post("missing fields and an unknown one are reported together", {{"titel", "x"}}, 400,
               {R"("title":{"code":"required")", R"("body":{"code":"required")", R"("titel":{"code":"unknown_field")"}),
          post("an unknown severity", with({{"severity", "urgent"}}), 400, {R"("severity":{"code":"unknown_value")"}),
          post("an unknown audience", with({{"audience", "guests"}}), 400, {R"("audience":{"code":"unknown_value")"}),
          post("audience orgs without organisations", with({{"audience", "orgs"}}), 400,
               {R"("orgIds":{"code":"required")"}),
          post("an organisation that does not exist", with({{"audience", "orgs"}, {"orgIds", {"org_nope"}}}), 400,
               {R"("orgIds[0]":{"code":"unknown_org")"}),
          post("an end before the start", with({{"startsAt", in_minutes(60)}, {"endsAt", in_minutes(30)}}), 400,
               {R"("endsAt":{"code":"before_start")"}),
          post("a time that is not RFC 3339", with({{"startsAt", "tomorrow"}}), 400,
               {R"("startsAt":{"code":"invalid_time")"}),
          post("an over-long title", with({{"title", std::string(201, 'x')}}), 400, {R"("title":{"code":"too_long")"}),
      });
}

TEST_CASE("each reader sees the announcements meant for them, in their window", "[api][notify][announcements]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  auto& b = w.org("B");
  create(w, {{"title", "To everyone"}, {"body", "x"}});
  create(w, {{"title", "To operators"}, {"body", "x"}, {"audience", "operators"}, {"severity", "critical"}});
  create(w, {{"title", "To B"}, {"body", "x"}, {"audience", "orgs"}, {"orgIds", {b.id}}, {"severity", "warning"}});
  create(w, {{"title", "Later"}, {"body", "x"}, {"startsAt", in_minutes(60)}});
  const auto ended = create(w, {{"title", "Ending"}, {"body", "x"}, {"endsAt", in_minutes(60)}});

  using V = std::vector<std::string>;
  CHECK(visible(w, a.owner().token) == V{"Ending", "To everyone"});
  CHECK(visible(w, a.developer().token) == V{"Ending", "To everyone"});
  CHECK(visible(w, b.owner().token) == V{"Ending", "To B", "To everyone"});
  CHECK(visible(w, w.platform_admin().token) == V{"Ending", "To everyone", "To operators"});

  // Ending it now takes it away; the operators' list still has it, as ended.
  const auto past = core::format_rfc3339(std::chrono::system_clock::now() - std::chrono::seconds(1));
  auto r = w.call(Method::kPatch, kUrl + "/" + ended, w.platform_admin().token,
                  {{"startsAt", core::format_rfc3339(std::chrono::system_clock::now() - std::chrono::minutes(5))},
                   {"endsAt", past}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "ended");
  CHECK(visible(w, a.owner().token) == V{"To everyone"});
  r = w.call(Method::kGet, kUrl + "?status=scheduled", w.platform_admin().token);
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["items"].size() == 1);
  CHECK(r.json()["items"][0]["title"] == "Later");

  // Only a signed-in user has announcements.
  CHECK(w.call(Method::kGet, "/api/v1/me/announcements", "").status == 401);
}

TEST_CASE("a reader marks an announcement read and closes its banner", "[api][notify][announcements]") {
  test::World w = test::given() | test::org("A").owner() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  const auto id = create(w, {{"title", "Hello"}, {"body", "x"}});
  const auto only_b =
      create(w, {{"title", "B only"}, {"body", "x"}, {"audience", "orgs"}, {"orgIds", {w.org("B").id}}});
  const auto me = "/api/v1/me/announcements/";
  test::run_scenarios(
      w.server,
      {
          {.name = "read",
           .method = Method::kPost,
           .url = me + id + "/read",
           .headers = test::bearer(a.owner().token),
           .expected = {R"("read":true)", R"("dismissed":false)"}},
          {.name = "dismissed (the banner closed)",
           .method = Method::kPost,
           .url = me + id + "/dismiss",
           .headers = test::bearer(a.owner().token),
           .expected = {R"("read":true)", R"("dismissed":true)"}},
          {.name = "one not meant for the reader is not found",
           .method = Method::kPost,
           .url = me + only_b + "/read",
           .headers = test::bearer(a.owner().token),
           .expected_status = 404,
           .expected = {"notify.announcement_not_found"}},
          {.name = "an unknown one is not found",
           .method = Method::kPost,
           .url = std::string(me) + "ann_nope/dismiss",
           .headers = test::bearer(a.owner().token),
           .expected_status = 404,
           .expected = {"notify.announcement_not_found"}},
          {.name = "a body is refused",
           .method = Method::kPost,
           .url = me + id + "/read",
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"x":1})",
           .expected_status = 400,
           .expected = {"unknown_field"}},
      });
  // Another reader's state is their own.
  const auto r = w.call(Method::kGet, "/api/v1/me/announcements", w.org("B").owner().token);
  REQUIRE(r.status == 200);
  const auto body = r.json();
  REQUIRE(body["items"].size() == 2);  // Hello and B only
  for (const auto& item : body["items"]) CHECK(item["read"] == false);
}

TEST_CASE("operators edit and delete announcements", "[api][notify][announcements]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  const auto id = create(w, {{"title", "Old"}, {"body", "x"}, {"endsAt", in_minutes(60)}});
  const auto url = kUrl + "/" + id;
  const auto& admin = w.platform_admin();
  const auto patch = [&](std::string name, nlohmann::json body, int status, std::vector<std::string> expected,
                         std::vector<std::string> events = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPatch,
                    .url = url,
                    .headers = test::bearer_json(admin.token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected),
                    .events = events,
                    .audit = events};
  };
  // One story, in order: each row sees what the rows before it did.
  const std::vector<Scenario> story = {
          patch("a new title and body", {{"title", "New"}, {"body", "[x](javascript:alert(1))"}}, 200,
                {R"("title":"New")", R"(<a href=\"\">x</a>)"}, {"announcement.updated"}),
          patch("the same again changes nothing", {{"title", "New"}}, 200, {R"("title":"New")"}),
          patch("null clears the end", {{"endsAt", nullptr}}, 200, {R"("endsAt":null)"}, {"announcement.updated"}),
          patch("audience orgs needs organisations", {{"audience", "orgs"}}, 400, {R"("orgIds":{"code":"required")"}),
          patch("a start cannot be cleared", {{"startsAt", nullptr}}, 400, {R"("startsAt":{"code":"invalid_time")"}),
          {.name = "deleted",
           .method = Method::kDelete,
           .url = url,
           .headers = test::bearer(admin.token),
           .expected_status = 204,
           .events = {"announcement.deleted"},
           .audit = {"announcement.deleted"}},
          {.name = "gone",
           .method = Method::kGet,
           .url = url,
           .headers = test::bearer(admin.token),
           .expected_status = 404,
           .expected = {"notify.announcement_not_found"}},
  };
  for (const auto& row : story) test::run_scenario(w.server, row);
  CHECK(visible(w, w.org("A").owner().token).empty());
}

TEST_CASE("the Markdown preview renders what the server would store", "[api][notify][announcements]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  test::run_scenarios(
      w.server,
      {
          {.name = "rendered and sanitised, nothing written",
           .method = Method::kPost,
           .url = "/api/v1/markdown/preview",
           .headers = test::bearer_json(w.org("A").owner().token),
           .body = R"j({"markdown":"# Hi\n\n<img src=x onerror=alert(1)> [a](data:text/html,x)"})j",
           .expected = {R"(<h1>Hi</h1>)", R"("text":"Hi)"},
           .not_expected = {"onerror", "data:text"}},
          {.name = "a markdown field is required",
           .method = Method::kPost,
           .url = "/api/v1/markdown/preview",
           .headers = test::bearer_json(w.org("A").owner().token),
           .body = R"({})",
           .expected_status = 400,
           .expected = {R"("markdown":{"code":"required")"}},
      });
}
