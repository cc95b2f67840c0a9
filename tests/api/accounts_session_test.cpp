// /api/v1/me: the signed-in user's profile, organisations and sessions (issue 3).
#include <catch2/catch.hpp>

#include "core/jwt.hpp"
#include "support/accounts_fixture.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("GET /me describes the user, their organisations and permissions", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto ops = test::create_user(server, "ops@example.com", "Correct-Horse-9", "platform_reviewer");
  const auto active = test::create_org(server, "Acme");
  const auto pending = test::create_org(server, "Pending Co", "pending");
  test::add_member(server, active, alice.id, "developer");
  test::add_member(server, pending, alice.id, "owner");

  test::run_scenarios(
      server,
      {
          {.name = "a member of two organisations",
           .url = "/api/v1/me",
           .headers = test::bearer(alice.token),
           .expected = {R"("email":"alice@example.com")", R"("platformRole":null)", R"("restriction":null)"},
           .not_expected = {"password_hash", "passwordHash", "totp"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto j = r.json();
                 REQUIRE(j["orgs"].size() == 2);
                 const auto& acme = j["orgs"][0];  // ordered by name
                 CHECK(acme["id"] == active);
                 CHECK(acme["name"] == "Acme");
                 CHECK(acme["role"] == "developer");
                 CHECK(acme["status"] == "active");
                 CHECK(acme["permissions"] == nlohmann::json({"apps:read", "apps:release", "apps:write",
                                                              "articles:write", "domains:write", "members:read", "org:read"}));
                 // A pending organisation lets its owner see its status and complete the
                 // application, nothing more.
                 CHECK(j["orgs"][1]["role"] == "owner");
                 CHECK(j["orgs"][1]["permissions"] == nlohmann::json({"org:manage", "org:read"}));
                 CHECK(j["platformPermissions"].empty());
               }},
          {.name = "an operator",
           .url = "/api/v1/me",
           .headers = test::bearer(ops.token),
           .expected = {R"("platformRole":"platform_reviewer")", R"("orgs":[])"},
           .check =
               [](const http::ClientResponse& r) {
                 CHECK(r.json()["platformPermissions"] ==
                       nlohmann::json({"platform:read", "platform:review"}));
               }},
      });
}

TEST_CASE("PATCH /me renames the user", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  test::run_scenarios(
      server,
      {
          {.name = "empty name",
           .method = Method::kPatch,
           .url = "/api/v1/me",
           .headers = test::bearer_json(alice.token),
           .body = R"({"name":""})",
           .expected_status = 400,
           .expected = {R"("name":{"code":"required")"}},
          {.name = "too long",
           .method = Method::kPatch,
           .url = "/api/v1/me",
           .headers = test::bearer_json(alice.token),
           .body = nlohmann::json({{"name", std::string(101, 'x')}}).dump(),
           .expected_status = 400,
           .expected = {R"("name":{"code":"too_long")"}},
          {.name = "fields that are not the user's to change",
           .method = Method::kPatch,
           .url = "/api/v1/me",
           .headers = test::bearer_json(alice.token),
           .body = R"({"email":"evil@example.com","platformRole":"platform_admin"})",
           .expected_status = 400,
           .expected = {R"("email":{"code":"unknown_field")", R"("platformRole":{"code":"unknown_field")"}},
          {.name = "success",
           .method = Method::kPatch,
           .url = "/api/v1/me",
           .headers = test::bearer_json(alice.token),
           .body = R"({"name":"Alice Liddell"})",
           .expected = {R"("name":"Alice Liddell")"},
           .audit = {"user.updated"},
           .check =
               [&](const http::ClientResponse&) {
                 const auto rows = test::audit_rows(server, "user.updated");
                 REQUIRE(rows.size() == 1);
                 CHECK(rows[0].after["name"] == "Alice Liddell");
               }},
      });
}

TEST_CASE("a user lists their sessions, page by page, with the current one marked", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto bob = test::create_user(server, "bob@example.com");
  http::Headers device;
  device.set("User-Agent", "Mozilla/5.0 (iPhone) Cove-Test");
  REQUIRE(server.client()
              .post_json("/api/v1/auth/login",
                         {{"email", "alice@example.com"}, {"password", "Correct-Horse-9"}}, device)
              .status == 200);

  test::run_scenarios(
      server, {
                  {.name = "all sessions",
                   .url = "/api/v1/me/sessions",
                   .headers = test::bearer(alice.token),
                   .expected = {R"("nextCursor":null)", "Cove-Test", R"("ip":"127.0.0.1")"},
                   .check =
                       [&](const http::ClientResponse& r) {
                         const auto items = r.json()["items"];
                         REQUIRE(items.size() == 2);
                         int current = 0;
                         for (const auto& s : items) {
                           current += s["current"].get<bool>() ? 1 : 0;
                           CHECK(s.contains("lastUsedAt"));
                           CHECK(s.contains("createdAt"));
                         }
                         CHECK(current == 1);
                       }},
                  {.name = "bad limit",
                   .url = "/api/v1/me/sessions?limit=0",
                   .headers = test::bearer(alice.token),
                   .expected_status = 400,
                   .expected = {R"("limit":{"code":"out_of_range")"}},
                  {.name = "bad cursor",
                   .url = "/api/v1/me/sessions?cursor=bm9wZQ",
                   .headers = test::bearer(alice.token),
                   .expected_status = 400,
                   .expected = {R"("cursor":{"code":"invalid")"}},
                  {.name = "another user's sessions are not listed",
                   .url = "/api/v1/me/sessions",
                   .headers = test::bearer(bob.token),
                   .not_expected = {"Cove-Test"},
                   .check = [](const http::ClientResponse& r) { CHECK(r.json()["items"].size() == 1); }},
              });

  auto first = server.client().get("/api/v1/me/sessions?limit=1", test::bearer(alice.token)).json();
  REQUIRE(first["items"].size() == 1);
  REQUIRE(first["nextCursor"].is_string());
  auto second = server.client()
                    .get("/api/v1/me/sessions?limit=1&cursor=" + first["nextCursor"].get<std::string>(),
                         test::bearer(alice.token))
                    .json();
  REQUIRE(second["items"].size() == 1);
  CHECK(second["items"][0]["id"] != first["items"][0]["id"]);
  CHECK(second["nextCursor"].is_null());
}

TEST_CASE("a user revokes one of their sessions, never someone else's", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto bob = test::create_user(server, "bob@example.com");
  const auto phone = test::access_token_for(server, alice.id);
  const auto sessions = server.client().get("/api/v1/me/sessions", test::bearer(phone)).json()["items"];
  std::string phone_session, bob_session;
  for (const auto& s : sessions) {
    if (s["current"].get<bool>()) phone_session = s["id"];
  }
  REQUIRE_FALSE(phone_session.empty());
  bob_session = server.client().get("/api/v1/me/sessions", test::bearer(bob.token)).json()["items"][0]["id"];

  test::run_scenarios(
      server, {
                  {.name = "another user's session is not found",
                   .method = Method::kDelete,
                   .url = "/api/v1/me/sessions/" + bob_session,
                   .headers = test::bearer(alice.token),
                   .expected_status = 404,
                   .expected = {R"("code":"sessions.not_found")"},
                   .check =
                       [&](const http::ClientResponse&) {
                         CHECK(server.client().get("/api/v1/me", test::bearer(bob.token)).status == 200);
                       }},
                  {.name = "an unknown session",
                   .method = Method::kDelete,
                   .url = "/api/v1/me/sessions/ses_nope",
                   .headers = test::bearer(alice.token),
                   .expected_status = 404},
                  {.name = "own other session",
                   .method = Method::kDelete,
                   .url = "/api/v1/me/sessions/" + phone_session,
                   .headers = test::bearer(alice.token),
                   .expected_status = 204,
                   .audit = {"auth.session_revoked"},
                   .check =
                       [&](const http::ClientResponse&) {
                         CHECK(server.client().get("/api/v1/me", test::bearer(phone)).status == 401);
                         CHECK(server.client().get("/api/v1/me", test::bearer(alice.token)).status == 200);
                         CHECK(test::audit_rows(server, "auth.session_revoked").size() == 1);
                         // Revoked sessions are no longer listed, and revoking again is a 404.
                         CHECK(server.client()
                                   .get("/api/v1/me/sessions", test::bearer(alice.token))
                                   .json()["items"]
                                   .size() == 1);
                         CHECK(server.client()
                                   .request(Method::kDelete, "/api/v1/me/sessions/" + phone_session,
                                            test::bearer(alice.token))
                                   .status == 404);
                       }},
              });
}

TEST_CASE("access tokens signed with the real key still need exp and a live session id", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto key = server.app().secrets().random_key("jwt-hs256.key");
  const auto now_s = server.app().clock().unix_seconds();
  const auto me_with = [&](const nlohmann::json& claims) {
    return server.client().request(Method::kGet, "/api/v1/me", test::bearer(core::jwt::sign(claims, key))).status;
  };
  // The fixture's token (a session row, sid and exp) is the control: it is accepted.
  CHECK(server.client().request(Method::kGet, "/api/v1/me", test::bearer(alice.token)).status == 200);
  const auto sid = core::jwt::verify(alice.token, key, now_s).claims["sid"];
  CHECK(me_with({{"sub", alice.id}, {"sid", sid}, {"typ", "access"}, {"exp", now_s + 600}}) == 200);
  // No exp: it would never expire.
  CHECK(me_with({{"sub", alice.id}, {"sid", sid}, {"typ", "access"}}) == 401);
  // An empty sid used to skip the session check, so signing out could not revoke it.
  CHECK(me_with({{"sub", alice.id}, {"sid", ""}, {"typ", "access"}, {"exp", now_s + 600}}) == 401);
  CHECK(me_with({{"sub", alice.id}, {"typ", "access"}, {"exp", now_s + 600}}) == 401);
  CHECK(me_with({{"sub", alice.id}, {"sid", "ses_unknown"}, {"typ", "access"}, {"exp", now_s + 600}}) == 401);
}
