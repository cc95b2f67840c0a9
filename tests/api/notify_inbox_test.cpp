// The notification center through the API: who an event reaches, reading and deleting, filters,
// preferences (a muted kind stays out, security kinds cannot be muted, the language), and exactly
// one item per recipient even when the outbox delivers an event again after a crash.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include "notify_steps.hpp"
#include "support/temp_dir.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

TEST_CASE("an operator's approval reaches the organisation's owners and admins, once", "[api][notify]") {
  test::World w = test::given() | test::pending_org("A") | test::operators();
  auto& a = w.org("A");
  test::approve(w, a.id);
  test::settle(w);

  for (const auto* user : {&a.owner(), &a.admin()}) {
    const auto page = test::inbox(w, user->token);
    REQUIRE(page["items"].size() == 1);
    const auto& item = page["items"][0];
    CHECK(item["kind"] == "org.approved");
    CHECK(item["category"] == "organisation");
    CHECK(item["severity"] == "success");
    CHECK(item["orgId"] == a.id);
    CHECK(item["read"] == false);
    CHECK(item["title"] == "机构已通过审核：Org A");  // zh-CN unless the user chose otherwise
    CHECK(item["link"] == "/o/" + a.id + "/apps");
    CHECK(test::unread(w, user->token) == 1);
  }
  CHECK(test::inbox(w, a.developer().token)["items"].empty());  // developers are not told
  CHECK(test::inbox(w, w.platform_admin().token)["items"].empty());
}

TEST_CASE("reading, reading all and deleting notifications", "[api][notify]") {
  test::World w = test::given() | test::pending_org("A") | test::pending_org("B") | test::operators();
  auto& a = w.org("A");
  auto& b = w.org("B");
  test::approve(w, a.id);
  test::approve(w, b.id);
  test::settle(w);
  const auto owner = a.owner().token;
  const auto id = test::inbox(w, owner)["items"][0]["id"].get<std::string>();
  const auto other = test::inbox(w, b.owner().token)["items"][0]["id"].get<std::string>();
  const auto url = "/api/v1/me/notifications/" + id;

  test::run_scenarios(
      w.server,
      {
          {.name = "another user's notification is not found",
           .method = Method::kPost,
           .url = "/api/v1/me/notifications/" + other + "/read",
           .headers = test::bearer(owner),
           .expected_status = 404,
           .expected = {R"("code":"notify.not_found")"}},
          {.name = "an unknown one either",
           .method = Method::kDelete,
           .url = "/api/v1/me/notifications/ntf_unknown",
           .headers = test::bearer(owner),
           .expected_status = 404,
           .expected = {R"("code":"notify.not_found")"}},
          {.name = "read takes no fields",
           .method = Method::kPost,
           .url = url + "/read",
           .headers = test::bearer_json(owner),
           .body = R"({"read":false})",
           .expected_status = 400,
           .expected = {R"("read":{"code":"unknown_field")"}},
          {.name = "a bad filter",
           .method = Method::kGet,
           .url = "/api/v1/me/notifications?unread=perhaps&category=weather",
           .headers = test::bearer(owner),
           .expected_status = 400,
           .expected = {R"("unread":{)", R"("category":{"code":"unknown_value")"}},
      });

  auto r = w.call(Method::kPost, url + "/read", owner);
  REQUIRE(r.status == 200);
  CHECK(r.json()["read"] == true);
  CHECK_FALSE(r.json()["readAt"].is_null());
  CHECK(w.call(Method::kPost, url + "/read", owner).status == 200);  // again: still fine
  CHECK(test::unread(w, owner) == 0);
  CHECK(test::inbox(w, owner, "?unread=true")["items"].empty());
  CHECK(test::inbox(w, owner, "?category=organisation")["total"] == 1);
  CHECK(test::inbox(w, owner, "?category=security")["total"] == 0);
  CHECK(test::unread(w, b.owner().token) == 1);  // B's owner's item is untouched

  r = w.call(Method::kPost, "/api/v1/me/notifications/read-all", b.owner().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["marked"] == 1);
  CHECK(test::unread(w, b.owner().token) == 0);

  CHECK(w.call(Method::kDelete, url, owner).status == 204);
  CHECK(test::inbox(w, owner)["items"].empty());
  CHECK(w.call(Method::kDelete, url, owner).status == 404);
  CHECK(test::inbox(w, b.owner().token)["total"] == 1);
}

TEST_CASE("a list of notifications pages newest first", "[api][notify]") {
  test::World w = test::given() | test::pending_org("A") | test::operators();
  auto& a = w.org("A");
  test::approve(w, a.id);
  for (int i = 0; i < 2; ++i) {
    REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + a.id + "/suspend", w.platform_admin().token,
                   {{"reason", "check " + std::to_string(i)}})
                .status == 200);
    REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + a.id + "/reactivate", w.platform_admin().token)
                .status == 200);
  }
  test::settle(w);
  const auto first = test::inbox(w, a.owner().token, "?limit=2");
  REQUIRE(first["items"].size() == 2);
  CHECK(first["total"] == 5);
  CHECK(first["items"][0]["kind"] == "org.reactivated");
  CHECK(first["items"][1]["kind"] == "org.suspended");
  CHECK(first["items"][1]["body"].get<std::string>().find("check 1") != std::string::npos);
  const auto next = test::inbox(w, a.owner().token, "?limit=10&cursor=" + first["nextCursor"].get<std::string>());
  REQUIRE(next["items"].size() == 3);
  CHECK(next["items"][2]["kind"] == "org.approved");
  CHECK(next["nextCursor"].is_null());
}

TEST_CASE("notification preferences: muted kinds, security kinds, language", "[api][notify]") {
  test::World w = test::given() | test::pending_org("A") | test::operators();
  auto& a = w.org("A");
  const auto url = "/api/v1/me/notification-preferences";

  auto r = w.call(Method::kGet, url, a.owner().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["language"] == "zh-CN");
  const auto items = r.json()["items"];
  const auto find = [&](const nlohmann::json& list, const std::string& kind) {
    for (const auto& i : list) {
      if (i["kind"] == kind) return i;
    }
    FAIL("no kind " << kind);
    return nlohmann::json();
  };
  CHECK(find(items, "org.approved")["inbox"] == true);
  CHECK(find(items, "org.approved")["email"] == true);
  CHECK(find(items, "user.password_changed")["security"] == true);

  test::run_scenarios(
      w.server,
      {
          {.name = "security kinds cannot be muted",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"items":[{"kind":"user.password_changed","email":false}]})",
           .expected_status = 400,
           .expected = {R"("items[0]":{"code":"cannot_mute")"}},
          {.name = "unknown kind, language and field",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"language":"fr-FR","items":[{"kind":"weather.changed"},{"kind":"org.approved","sms":true}]})",
           .expected_status = 400,
           .expected = {R"("language":{"code":"unknown_value")", R"("items[0].kind":{"code":"unknown_value")",
                        R"("items[1].sms":{"code":"unknown_field")"}},
          {.name = "a kind twice",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"items":[{"kind":"org.approved"},{"kind":"org.approved"}]})",
           .expected_status = 400,
           .expected = {R"("items[1].kind":{"code":"duplicate")"}},
      });

  // Changes (each a section of its own above would run alone; here they run in order).
  r = w.call(Method::kPut, url, a.owner().token,
             {{"items", nlohmann::json::array({{{"kind", "org.approved"}, {"inbox", false}, {"email", false}}})}});
  REQUIRE(r.status == 200);
  CHECK(find(r.json()["items"], "org.approved")["inbox"] == false);
  CHECK(find(r.json()["items"], "org.registered")["inbox"] == true);  // kinds not listed stay
  r = w.call(Method::kPut, url, a.admin().token, {{"language", "en-US"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["language"] == "en-US");
  CHECK(w.audit_count("notification_preferences.updated") == 2);

  test::approve(w, a.id);
  test::settle(w);
  CHECK(test::inbox(w, a.owner().token)["items"].empty());
  const auto admin = test::inbox(w, a.admin().token);
  REQUIRE(admin["items"].size() == 1);
  CHECK(admin["items"][0]["title"] == "Organisation approved: Org A");
}

TEST_CASE("a password change tells its owner, whatever they muted", "[api][notify]") {
  test::World w = test::given() | test::org("A").owner();
  auto& owner = w.org("A").owner();
  REQUIRE(w.call(Method::kPost, "/api/v1/auth/password", owner.token,
                 {{"currentPassword", owner.password}, {"newPassword", "Another-Horse-10"}})
              .status == 204);
  test::settle(w);
  const auto page = test::inbox(w, owner.token);
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["kind"] == "user.password_changed");
  CHECK(page["items"][0]["category"] == "security");
}

TEST_CASE("an event delivered again after a crash leaves one notification per recipient", "[api][notify]") {
  test::TempDir scratch;
  const auto dir = scratch.path();
  std::string owner_id, org_id;
  {
    test::World w = test::given({.data_dir = dir}) | test::pending_org("A") | test::operators();
    org_id = w.org("A").id;
    owner_id = w.org("A").owner().id;
    test::approve(w, org_id);
    test::settle(w);
  }
  {
    // As if the server died after writing the inbox rows and before recording its progress.
    SQLite::Database db((dir / "cove.db").string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE outbox_progress SET position = 0 WHERE subscriber = 'notify.inbox'");
  }
  test::TestServer server({.data_dir = dir});
  REQUIRE(server.app().events().drain(std::chrono::seconds(10)));
  const auto count = server.app().db().read([&](core::Conn& c) {
    return c.query_value<std::int64_t>("SELECT count(*) FROM notifications WHERE user_id = ? AND kind = ?", owner_id,
                                       std::string("org.approved"));
  });
  CHECK(count == 1);
}
