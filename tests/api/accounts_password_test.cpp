// Password changes through the API: the current password and the policy, history, lockout,
// expiry (restriction until changed) and the cost upgrade at sign-in (issue 3).
#include <catch2/catch.hpp>

#include "core/password.hpp"
#include "support/accounts_fixture.hpp"
#include "support/auth_helpers.hpp"
#include "support/manual_clock.hpp"
#include "support/scenario.hpp"

using namespace cove;
using namespace std::chrono_literals;
using cove::http::Method;

namespace {

int status_of_me(test::TestServer& server, const std::string& token) {
  return server.client().get("/api/v1/me", test::bearer(token)).status;
}

}  // namespace

TEST_CASE("changing the password checks the current one and the policy", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto change = [&](const std::string& current, const std::string& next) {
    return nlohmann::json({{"currentPassword", current}, {"newPassword", next}}).dump();
  };
  test::run_scenarios(
      server,
      {
          {.name = "wrong current password",
           .method = Method::kPost,
           .url = "/api/v1/auth/password",
           .headers = test::bearer_json(alice.token),
           .body = change("Wrong-Horse-9", "Another-Horse-10"),
           .expected_status = 400,
           .expected = {R"("currentPassword":{"code":"incorrect")"},
           .audit = {"auth.login_failed"}},  // it counts towards the lockout
          {.name = "too short",
           .method = Method::kPost,
           .url = "/api/v1/auth/password",
           .headers = test::bearer_json(alice.token),
           .body = change("Correct-Horse-9", "Sh0rt!"),
           .expected_status = 400,
           .expected = {R"("newPassword":{"code":"too_short")"}},
          {.name = "too few character classes",
           .method = Method::kPost,
           .url = "/api/v1/auth/password",
           .headers = test::bearer_json(alice.token),
           .body = change("Correct-Horse-9", "onlylowercaseletters"),
           .expected_status = 400,
           .expected = {R"("newPassword":{"code":"too_weak")"}},
          {.name = "the current password again",
           .method = Method::kPost,
           .url = "/api/v1/auth/password",
           .headers = test::bearer_json(alice.token),
           .body = change("Correct-Horse-9", "Correct-Horse-9"),
           .expected_status = 400,
           .expected = {R"("newPassword":{"code":"reused")"}},
          {.name = "unknown field",
           .method = Method::kPost,
           .url = "/api/v1/auth/password",
           .headers = test::bearer_json(alice.token),
           .body = R"({"currentPassword":"Correct-Horse-9","newPassword":"Another-Horse-10","confirm":"x"})",
           .expected_status = 400,
           .expected = {R"("confirm":{"code":"unknown_field")"}},
          {.name = "success",
           .method = Method::kPost,
           .url = "/api/v1/auth/password",
           .headers = test::bearer_json(alice.token),
           .body = change("Correct-Horse-9", "Another-Horse-10"),
           .expected_status = 204,
           .events = {"user.password_changed"},
           .audit = {"auth.password_changed"}},
      });
}

TEST_CASE("a password change signs out the other sessions and the new password signs in", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto other = test::access_token_for(server, alice.id);
  const auto res = server.client().post_json(
      "/api/v1/auth/password", {{"currentPassword", "Correct-Horse-9"}, {"newPassword", "Another-Horse-10"}},
      test::bearer(alice.token));
  REQUIRE(res.status == 204);
  CHECK(status_of_me(server, alice.token) == 200);
  CHECK(status_of_me(server, other) == 401);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 401);
  CHECK(test::sign_in(server, "alice@example.com", "Another-Horse-10").status == 200);
  const auto rows = test::audit_rows(server, "auth.password_changed");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].after["otherSessionsRevoked"] == 1);
  CHECK_THAT(test::audit_dump(server), !Catch::Contains("Horse"));
}

TEST_CASE("the last passwords cannot be reused", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  std::string current = "Correct-Horse-9";
  for (const char* next : {"Second-Horse-10", "Third-Horse-11"}) {
    REQUIRE(server.client()
                .post_json("/api/v1/auth/password", {{"currentPassword", current}, {"newPassword", next}},
                           test::bearer(alice.token))
                .status == 204);
    current = next;
  }
  const auto back = server.client().post_json(
      "/api/v1/auth/password", {{"currentPassword", current}, {"newPassword", "Correct-Horse-9"}},
      test::bearer(alice.token));
  CHECK(back.status == 400);
  CHECK(back.json()["details"]["fields"]["newPassword"]["code"] == "reused");
}

TEST_CASE("wrong current passwords count towards the account lockout", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  int last = 0;
  for (int i = 0; i < 5; ++i) {
    last = server.client()
               .post_json("/api/v1/auth/password",
                          {{"currentPassword", "Guess-Horse-9"}, {"newPassword", "Another-Horse-10"}},
                          test::bearer(alice.token))
               .status;
  }
  CHECK(last == 429);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").json()["code"] == "auth.locked");
}

TEST_CASE("an expired password must be changed before anything but self-service", "[api][auth]") {
  test::ManualClock clock;
  test::ServerWithSettings server({{"passwordExpiryDays", 30}}, &clock);
  const auto admin = test::create_user(*server, "ops@example.com", "Correct-Horse-9", "platform_admin");
  const auto ops = [&](const std::string& token) {
    return server->client().get("/api/v1/platform/operators", test::bearer(token));
  };
  CHECK(ops(admin.token).status == 200);

  clock.advance(31 * 24h);
  const auto login = test::sign_in(*server, "ops@example.com", "Correct-Horse-9");
  REQUIRE(login.status == 200);
  const auto token = login.json()["accessToken"].get<std::string>();
  const auto refused = ops(token);
  CHECK(refused.status == 403);
  CHECK(refused.json()["code"] == "auth.password_change_required");
  CHECK(server->client().get("/api/v1/me", test::bearer(token)).json()["restriction"] ==
        "auth.password_change_required");

  REQUIRE(server->client()
              .post_json("/api/v1/auth/password",
                         {{"currentPassword", "Correct-Horse-9"}, {"newPassword", "Fresh-Horse-10"}},
                         test::bearer(token))
              .status == 204);
  CHECK(ops(token).status == 200);
  CHECK(server->client().get("/api/v1/me", test::bearer(token)).json()["restriction"].is_null());
}

TEST_CASE("a password hashed at an older cost is upgraded at sign-in", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto weak = core::password::hash("Correct-Horse-9", {.log_n = 8});
  server.app().db().write([&](core::Tx& tx) {
    auto& st = tx.prepare("UPDATE users SET password_hash = ? WHERE id = ?");
    st.bind(1, weak);
    st.bind(2, alice.id);
    st.exec();
  });
  REQUIRE(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);
  const auto stored = server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT password_hash FROM users WHERE id = ?");
    st.bind(1, alice.id);
    st.executeStep();
    return st.getColumn(0).getString();
  });
  CHECK_THAT(stored, Catch::Contains("ln=10,"));
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);
}
