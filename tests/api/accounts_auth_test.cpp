// Sign-in, lockout, refresh rotation and sign-out through the API (issue 3).
#include <catch2/catch.hpp>

#include "support/accounts_fixture.hpp"
#include "support/auth_helpers.hpp"
#include "support/manual_clock.hpp"
#include "support/scenario.hpp"

using namespace cove;
using namespace std::chrono_literals;
using cove::http::Method;

namespace {

http::Headers json_headers() {
  http::Headers h;
  h.set("Content-Type", "application/json");
  return h;
}

int status_of_me(test::TestServer& server, const std::string& token) {
  return server.client().get("/api/v1/me", test::bearer(token)).status;
}

}  // namespace

TEST_CASE("sign-in answers with an access token and a refresh cookie, or one generic error", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto disabled = test::create_user(server, "gone@example.com");
  server.app().db().write([&](core::Tx& tx) {
    tx.exec("UPDATE users SET status = 'disabled' WHERE id = '" + disabled.id + "'");
  });

  test::run_scenarios(
      server,
      {
          {.name = "right email and password",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .headers = json_headers(),
           .body = R"({"email":"alice@example.com","password":"Correct-Horse-9"})",
           .expected = {R"("accessToken":")", R"("expiresIn":900)", R"("email":"alice@example.com")"},
           .not_expected = {"password", "Correct-Horse-9", "scrypt"},
           .audit = {"auth.login"},
           .check =
               [](const http::ClientResponse& r) {
                 const auto cookie = test::set_cookie_header(r);
                 CHECK_THAT(cookie, Catch::StartsWith("cove_refresh="));
                 for (const char* attr : {"; HttpOnly", "; Secure", "; SameSite=Strict",
                                          "; Path=/api/v1/auth", "; Max-Age=2592000"}) {
                   CHECK_THAT(cookie, Catch::Contains(attr));
                 }
                 CHECK(test::refresh_cookie(r).size() == 43);  // 256 bits, base64url
               }},
          {.name = "email is matched without regard to case or surrounding spaces",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .body = R"({"email":"  ALICE@example.com ","password":"Correct-Horse-9"})",
           .expected = {R"("accessToken":")"},
           .audit = {"auth.login"}},
          {.name = "wrong password",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .body = R"({"email":"alice@example.com","password":"Wrong-Horse-9"})",
           .expected_status = 401,
           .expected = {R"("code":"auth.invalid_credentials")",
                        "The email address or password is not correct"},
           .audit = {"auth.login_failed"}},
          {.name = "unknown account gets the very same answer",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .body = R"({"email":"nobody@example.com","password":"Correct-Horse-9"})",
           .expected_status = 401,
           .expected = {R"("code":"auth.invalid_credentials")",
                        "The email address or password is not correct"},
           .audit = {"auth.login_failed"}},
          {.name = "disabled account, right password",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .body = R"({"email":"gone@example.com","password":"Correct-Horse-9"})",
           .expected_status = 403,
           .expected = {R"("code":"auth.account_disabled")"},
           .not_expected = {"accessToken"},
           .audit = {"auth.login_failed"}},
          {.name = "missing fields and unknown fields are reported",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .body = R"({"mail":"alice@example.com"})",
           .expected_status = 400,
           .expected = {R"("code":"validation_failed")", R"("email":{"code":"required")",
                        R"("password":{"code":"required")", R"("mail":{"code":"unknown_field")"}},
          {.name = "an over-long email is refused before any lookup",
           .method = Method::kPost,
           .url = "/api/v1/auth/login",
           .body =
               nlohmann::json({{"email", std::string(300, 'a') + "@example.com"}, {"password", "x"}}).dump(),
           .expected_status = 400,
           .expected = {R"("email":{"code":"too_long")"}},
      });
}

TEST_CASE("the access token from sign-in works until sign-out", "[api][auth]") {
  test::TestServer server;
  test::create_user(server, "alice@example.com");
  const auto res = test::sign_in(server, "alice@example.com", "Correct-Horse-9");
  REQUIRE(res.status == 200);
  const auto token = res.json()["accessToken"].get<std::string>();
  CHECK(status_of_me(server, token) == 200);

  const auto out = server.client().request(Method::kPost, "/api/v1/auth/logout",
                                           test::with_refresh_cookie(test::refresh_cookie(res)));
  CHECK(out.status == 204);
  CHECK_THAT(test::set_cookie_header(out),
             Catch::StartsWith("cove_refresh=;") && Catch::Contains("Max-Age=0"));
  CHECK(status_of_me(server, token) == 401);
  const auto again = server.client().request(Method::kPost, "/api/v1/auth/refresh",
                                             test::with_refresh_cookie(test::refresh_cookie(res)));
  CHECK(again.status == 401);
  CHECK(again.json()["code"] == "auth.refresh_invalid");
  CHECK(test::audit_rows(server, "auth.login").size() == 1);
  CHECK(test::audit_rows(server, "auth.logout").size() == 1);

  // Signing out again, or without any credentials, is not an error.
  CHECK(server.client().request(Method::kPost, "/api/v1/auth/logout").status == 204);
}

TEST_CASE("sign-out with only an access token ends that session", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  CHECK(server.client().request(Method::kPost, "/api/v1/auth/logout", test::bearer(alice.token)).status ==
        204);
  CHECK(status_of_me(server, alice.token) == 401);
}

TEST_CASE("refresh rotates the token; a reused token revokes the whole session", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto login = test::sign_in(server, "alice@example.com", "Correct-Horse-9");
  REQUIRE(login.status == 200);
  const auto first = test::refresh_cookie(login);

  auto client = server.client();
  const auto r1 = client.request(Method::kPost, "/api/v1/auth/refresh", test::with_refresh_cookie(first));
  REQUIRE(r1.status == 200);
  const auto second = test::refresh_cookie(r1);
  CHECK(second.size() == 43);
  CHECK(second != first);
  CHECK(r1.json()["user"]["id"] == alice.id);
  const auto access = r1.json()["accessToken"].get<std::string>();
  CHECK(status_of_me(server, access) == 200);

  const auto r2 = client.request(Method::kPost, "/api/v1/auth/refresh", test::with_refresh_cookie(second));
  REQUIRE(r2.status == 200);
  const auto third = test::refresh_cookie(r2);

  // The first token was exchanged already: someone kept a copy.
  const auto reuse = client.request(Method::kPost, "/api/v1/auth/refresh", test::with_refresh_cookie(first));
  CHECK(reuse.status == 401);
  CHECK(reuse.json()["code"] == "auth.refresh_reused");
  CHECK_THAT(test::set_cookie_header(reuse), Catch::Contains("Max-Age=0"));

  // The whole family is dead: the newest token and every access token of the session.
  const auto latest = client.request(Method::kPost, "/api/v1/auth/refresh", test::with_refresh_cookie(third));
  CHECK(latest.status == 401);
  CHECK(latest.json()["code"] == "auth.refresh_invalid");
  CHECK(status_of_me(server, access) == 401);
  // Another session of the same user is untouched.
  CHECK(status_of_me(server, alice.token) == 200);

  const auto reused = test::audit_rows(server, "auth.refresh_reused");
  REQUIRE(reused.size() == 1);
  CHECK(reused[0].actor_id == alice.id);
}

TEST_CASE("refresh without a cookie, with garbage, or after the session's lifetime is refused",
          "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  test::create_user(server, "alice@example.com");
  auto client = server.client();
  CHECK(client.request(Method::kPost, "/api/v1/auth/refresh").json()["code"] == "auth.refresh_invalid");
  CHECK(client.request(Method::kPost, "/api/v1/auth/refresh", test::with_refresh_cookie("not-a-token"))
            .status == 401);
  CHECK(client.request(Method::kPost, "/api/v1/auth/refresh", json_headers(), R"({"token":"x"})").status ==
        400);

  const auto login = test::sign_in(server, "alice@example.com", "Correct-Horse-9");
  REQUIRE(login.status == 200);
  clock.advance(29 * 24h);
  const auto late = client.request(Method::kPost, "/api/v1/auth/refresh",
                                   test::with_refresh_cookie(test::refresh_cookie(login)));
  REQUIRE(late.status == 200);
  // The cookie's lifetime counts down to the session's absolute end, 30 days after sign-in.
  CHECK_THAT(test::set_cookie_header(late), Catch::Contains("Max-Age=86400"));
  clock.advance(25h);
  const auto expired = client.request(Method::kPost, "/api/v1/auth/refresh",
                                      test::with_refresh_cookie(test::refresh_cookie(late)));
  CHECK(expired.status == 401);
  CHECK(expired.json()["code"] == "auth.refresh_invalid");
}

TEST_CASE("sign out everywhere revokes every session of the user", "[api][auth]") {
  test::TestServer server;
  const auto alice = test::create_user(server, "alice@example.com");
  const auto bob = test::create_user(server, "bob@example.com");
  const auto other = test::access_token_for(server, alice.id);
  const auto login = test::sign_in(server, "alice@example.com", "Correct-Horse-9");
  REQUIRE(login.status == 200);

  const auto res =
      server.client().request(Method::kPost, "/api/v1/auth/logout-all", test::bearer(alice.token));
  CHECK(res.status == 204);
  CHECK_THAT(test::set_cookie_header(res), Catch::Contains("Max-Age=0"));
  CHECK(status_of_me(server, alice.token) == 401);
  CHECK(status_of_me(server, other) == 401);
  CHECK(server.client()
            .request(Method::kPost, "/api/v1/auth/refresh",
                     test::with_refresh_cookie(test::refresh_cookie(login)))
            .status == 401);
  CHECK(status_of_me(server, bob.token) == 200);
  const auto rows = test::audit_rows(server, "auth.logout_all");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].after["sessionsRevoked"] == 3);
}

TEST_CASE("an account locks after repeated failures and unlocks after the lockout period", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");

  for (int i = 1; i <= 4; ++i) {
    INFO("attempt " << i);
    CHECK(test::sign_in(server, "alice@example.com", "Wrong-Horse-9").json()["code"] ==
          "auth.invalid_credentials");
  }
  const auto fifth = test::sign_in(server, "alice@example.com", "Wrong-Horse-9");
  CHECK(fifth.status == 429);
  CHECK(fifth.json()["code"] == "auth.locked");
  CHECK(fifth.headers.get("Retry-After") == "900");

  // Even the right password is refused while locked.
  const auto locked = test::sign_in(server, "alice@example.com", "Correct-Horse-9");
  CHECK(locked.status == 429);
  CHECK(locked.json()["message"] == fifth.json()["message"]);

  clock.advance(14min);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 429);
  clock.advance(61s);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);

  const auto failures = test::audit_rows(server, "auth.login_failed");
  REQUIRE(failures.size() == 7);
  CHECK(failures[0].target_id == alice.id);
  CHECK(failures[0].after["reason"] == "wrong_password");
  CHECK(failures[0].after["email"] == "alice@example.com");
  CHECK(failures[5].after["reason"] == "locked");
  const auto locks = test::audit_rows(server, "auth.locked");
  REQUIRE(locks.size() == 1);
  CHECK(locks[0].target_id == alice.id);
  CHECK(locks[0].after["scope"] == "account");
  const auto log = test::audit_dump(server);
  CHECK_THAT(log, !Catch::Contains("Horse"));
}

TEST_CASE("a success ends the run of failures, and old failures are forgotten after a quiet day",
          "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  test::create_user(server, "alice@example.com");
  for (int i = 0; i < 4; ++i) test::sign_in(server, "alice@example.com", "Wrong-Horse-9");
  REQUIRE(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);
  for (int i = 0; i < 4; ++i) test::sign_in(server, "alice@example.com", "Wrong-Horse-9");
  clock.advance(25h);
  CHECK(test::sign_in(server, "alice@example.com", "Wrong-Horse-9").status == 401);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);
}

TEST_CASE("an address without an account locks exactly like an account", "[api][auth]") {
  test::ManualClock clock;  // frozen, so both locks report the same time left
  test::TestServer server({.clock = &clock});
  test::create_user(server, "alice@example.com");
  std::vector<std::string> known, unknown;
  for (int i = 0; i < 6; ++i) {
    known.push_back(test::sign_in(server, "alice@example.com", "Wrong-Horse-9").body);
    unknown.push_back(test::sign_in(server, "nobody@example.com", "Wrong-Horse-9").body);
  }
  for (std::size_t i = 0; i < known.size(); ++i) {
    INFO("attempt " << i + 1);
    const auto k = nlohmann::json::parse(known[i]);
    const auto u = nlohmann::json::parse(unknown[i]);
    CHECK(k["code"] == u["code"]);
    CHECK(k["message"] == u["message"]);
    CHECK(k["details"] == u["details"]);
  }
  CHECK(nlohmann::json::parse(unknown.back())["code"] == "auth.locked");
  const auto locks = test::audit_rows(server, "auth.locked");
  REQUIRE(locks.size() == 2);
  CHECK(locks[1].target_id.empty());
  CHECK(locks[1].after["email"] == "nobody@example.com");
}

TEST_CASE("an IP that fails too often is locked for every account", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  test::create_user(server, "alice@example.com");
  // The default allows 50 failures per IP; spread over addresses so no account locks first.
  for (int i = 1; i < 50; ++i) {
    const auto r = test::sign_in(server, "guess" + std::to_string(i) + "@example.com", "Wrong-Horse-9");
    REQUIRE(r.status == 401);
  }
  CHECK(test::sign_in(server, "guess50@example.com", "Wrong-Horse-9").json()["code"] == "auth.locked");
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 429);
  const auto locks = test::audit_rows(server, "auth.locked");
  REQUIRE(locks.size() == 1);
  CHECK(locks[0].target_type == "ip");
  CHECK(locks[0].target_id == "127.0.0.1");
  clock.advance(16min);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);
}
