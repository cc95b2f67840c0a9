// Two-factor authentication through the API: enrolment, sign-in with a code or a recovery code,
// replay protection, recovery-code regeneration, disabling, and organisations requiring 2FA.
#include <catch2/catch.hpp>

#include "core/totp.hpp"
#include "support/accounts_fixture.hpp"
#include "support/auth_helpers.hpp"
#include "support/manual_clock.hpp"
#include "support/scenario.hpp"

using namespace cove;
using namespace std::chrono_literals;
using cove::http::Method;

namespace {

struct Enrolled {
  std::string secret;  // raw bytes
  std::vector<std::string> recovery_codes;
};

std::string code_at(const std::string& secret, const core::Clock& clock) {
  return core::totp::code(secret, clock.unix_seconds());
}

// Enrols and confirms 2FA for the holder of `token`.
Enrolled enable_2fa(test::TestServer& server, const std::string& token, const core::Clock& clock) {
  const auto e =
      server.client().post_json("/api/v1/auth/2fa/enroll", nlohmann::json::object(), test::bearer(token));
  REQUIRE(e.status == 200);
  Enrolled out;
  out.secret = core::totp::base32_decode(e.json()["secret"].get<std::string>());
  const auto c = server.client().post_json("/api/v1/auth/2fa/confirm", {{"code", code_at(out.secret, clock)}},
                                           test::bearer(token));
  REQUIRE(c.status == 200);
  out.recovery_codes = c.json()["recoveryCodes"].get<std::vector<std::string>>();
  return out;
}

}  // namespace

TEST_CASE("enrolment hands out a secret, and a matching code turns 2FA on", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");
  std::string secret;

  test::run_scenarios(
      server, {
                  {.name = "confirm before enrolling",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/confirm",
                   .headers = test::bearer_json(alice.token),
                   .body = R"({"code":"123456"})",
                   .expected_status = 409,
                   .expected = {R"("code":"auth.totp_not_pending")"}},
                  {.name = "unknown field",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/enroll",
                   .headers = test::bearer_json(alice.token),
                   .body = R"({"issuer":"x"})",
                   .expected_status = 400,
                   .expected = {R"("issuer":{"code":"unknown_field")"}},
                  {.name = "enrol",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/enroll",
                   .headers = test::bearer(alice.token),
                   .expected = {R"("secret":")", R"("otpauthUri":"otpauth://totp/)", "alice%40example.com"},
                   .audit = {"auth.2fa_enrollment_started"},
                   .check =
                       [&](const http::ClientResponse& r) {
                         secret = core::totp::base32_decode(r.json()["secret"].get<std::string>());
                         CHECK(secret.size() == 20);
                         CHECK_THAT(r.json()["otpauthUri"].get<std::string>(),
                                    Catch::Contains("secret=" + r.json()["secret"].get<std::string>() +
                                                    "&issuer=Cove"));
                         // Not on yet: signing in still needs no code.
                         CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);

                         const auto wrong = server.client().post_json(
                             "/api/v1/auth/2fa/confirm", {{"code", "000000"}}, test::bearer(alice.token));
                         CHECK(wrong.status == 400);
                         CHECK(wrong.json()["details"]["fields"]["code"]["code"] == "invalid");

                         const auto ok = server.client().post_json("/api/v1/auth/2fa/confirm",
                                                                   {{"code", code_at(secret, clock)}},
                                                                   test::bearer(alice.token));
                         REQUIRE(ok.status == 200);
                         const auto codes = ok.json()["recoveryCodes"];
                         REQUIRE(codes.size() == 10);
                         CHECK(std::set<std::string>(codes.begin(), codes.end()).size() == 10);
                         CHECK(codes[0].get<std::string>().size() == 11);  // xxxxx-xxxxx

                         CHECK(server.client()
                                   .get("/api/v1/me", test::bearer(alice.token))
                                   .json()["user"]["twoFactorEnabled"] == true);
                         const auto again = server.client().post_json(
                             "/api/v1/auth/2fa/enroll", nlohmann::json::object(), test::bearer(alice.token));
                         CHECK(again.status == 409);
                         CHECK(again.json()["code"] == "auth.totp_already_enabled");
                         CHECK(test::audit_rows(server, "auth.2fa_enabled").size() == 1);
                         const auto log = test::audit_dump(server);
                         CHECK_THAT(log, !Catch::Contains(r.json()["secret"].get<std::string>()));
                         for (const auto& c : codes) CHECK_THAT(log, !Catch::Contains(c.get<std::string>()));
                       }},
              });
}

TEST_CASE("with 2FA on, sign-in needs a fresh code; a code is accepted once", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");
  const auto two_fa = enable_2fa(server, alice.token, clock);

  const auto bare = test::sign_in(server, "alice@example.com", "Correct-Horse-9");
  CHECK(bare.status == 401);
  CHECK(bare.json()["code"] == "auth.totp_required");
  // The code alone proves nothing: a wrong password is still the generic answer.
  CHECK(test::sign_in(server, "alice@example.com", "Wrong-Horse-9", {{"totp", "123456"}}).json()["code"] ==
        "auth.invalid_credentials");

  // The step used to confirm enrolment cannot sign in.
  const auto replay_of_confirm = test::sign_in(server, "alice@example.com", "Correct-Horse-9",
                                               {{"totp", code_at(two_fa.secret, clock)}});
  CHECK(replay_of_confirm.json()["code"] == "auth.totp_invalid");

  clock.advance(30s);
  const auto code = code_at(two_fa.secret, clock);
  const auto ok = test::sign_in(server, "alice@example.com", "Correct-Horse-9", {{"totp", code}});
  REQUIRE(ok.status == 200);
  CHECK(ok.json().contains("accessToken"));
  const auto replay = test::sign_in(server, "alice@example.com", "Correct-Horse-9", {{"totp", code}});
  CHECK(replay.status == 401);
  CHECK(replay.json()["code"] == "auth.totp_invalid");

  // One step of clock drift either way is tolerated.
  clock.advance(60s);
  const auto previous_step = core::totp::code(two_fa.secret, clock.unix_seconds() - 30);
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9", {{"totp", previous_step}}).status ==
        200);

  const auto failures = test::audit_rows(server, "auth.login_failed");
  REQUIRE(failures.size() == 3);
  CHECK(failures[2].after["reason"] == "totp_invalid");
  CHECK(test::audit_rows(server, "auth.login").back().after["method"] == "password+totp");
}

TEST_CASE("wrong codes count towards lockout", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");
  enable_2fa(server, alice.token, clock);
  http::ClientResponse last;
  for (int i = 0; i < 5; ++i)
    last = test::sign_in(server, "alice@example.com", "Correct-Horse-9", {{"totp", "000000"}});
  CHECK(last.status == 429);
  CHECK(last.json()["code"] == "auth.locked");
}

TEST_CASE("a recovery code signs in once", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");
  const auto two_fa = enable_2fa(server, alice.token, clock);
  const auto& code = two_fa.recovery_codes[3];

  std::string typed = code;  // typed in capitals and without the dash
  typed.erase(typed.find('-'), 1);
  for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto ok = test::sign_in(server, "alice@example.com", "Correct-Horse-9", {{"recoveryCode", typed}});
  CHECK(ok.status == 200);
  CHECK(test::audit_rows(server, "auth.login").back().after["method"] == "password+recovery_code");
  const auto again = test::sign_in(server, "alice@example.com", "Correct-Horse-9", {{"recoveryCode", code}});
  CHECK(again.status == 401);
  CHECK(again.json()["code"] == "auth.totp_invalid");
  CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9",
                      {{"recoveryCode", two_fa.recovery_codes[4]}})
            .status == 200);
}

TEST_CASE("regenerating recovery codes needs a code and retires the old ones", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");
  const auto two_fa = enable_2fa(server, alice.token, clock);
  clock.advance(30s);

  test::run_scenarios(server, {
                                  {.name = "missing code",
                                   .method = Method::kPost,
                                   .url = "/api/v1/auth/2fa/recovery-codes",
                                   .headers = test::bearer_json(alice.token),
                                   .body = "{}",
                                   .expected_status = 400,
                                   .expected = {R"("code":{"code":"required")"}},
                                  {.name = "wrong code",
                                   .method = Method::kPost,
                                   .url = "/api/v1/auth/2fa/recovery-codes",
                                   .headers = test::bearer_json(alice.token),
                                   .body = R"({"code":"000000"})",
                                   .expected_status = 400,
                                   .expected = {R"("code":{"code":"invalid")"},
                                   .audit = {"auth.login_failed"}},
                                  {.name = "right code",
                                   .method = Method::kPost,
                                   .url = "/api/v1/auth/2fa/recovery-codes",
                                   .headers = test::bearer_json(alice.token),
                                   .body = nlohmann::json({{"code", code_at(two_fa.secret, clock)}}).dump(),
                                   .audit = {"auth.recovery_codes_regenerated"},
                                   .check =
                                       [&](const http::ClientResponse& r) {
                                         REQUIRE(r.status == 200);
                                         const auto fresh =
                                             r.json()["recoveryCodes"].get<std::vector<std::string>>();
                                         REQUIRE(fresh.size() == 10);
                                         CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9",
                                                             {{"recoveryCode", two_fa.recovery_codes[0]}})
                                                   .json()["code"] == "auth.totp_invalid");
                                         CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9",
                                                             {{"recoveryCode", fresh[0]}})
                                                   .status == 200);
                                       }},
                              });
}

TEST_CASE("disabling 2FA needs the password and a code", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  const auto alice = test::create_user(server, "alice@example.com");
  const auto bob = test::create_user(server, "bob@example.com");
  const auto two_fa = enable_2fa(server, alice.token, clock);
  clock.advance(30s);
  const auto disable = [&](const std::string& password, const std::string& code) {
    return nlohmann::json({{"password", password}, {"code", code}}).dump();
  };

  test::run_scenarios(
      server, {
                  {.name = "not enabled",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/disable",
                   .headers = test::bearer_json(bob.token),
                   .body = disable("Correct-Horse-9", "123456"),
                   .expected_status = 409,
                   .expected = {R"("code":"auth.totp_not_enabled")"}},
                  {.name = "wrong password",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/disable",
                   .headers = test::bearer_json(alice.token),
                   .body = disable("Wrong-Horse-9", code_at(two_fa.secret, clock)),
                   .expected_status = 400,
                   .expected = {R"("password":{"code":"incorrect")"},
                   .audit = {"auth.login_failed"}},
                  {.name = "wrong code",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/disable",
                   .headers = test::bearer_json(alice.token),
                   .body = disable("Correct-Horse-9", "000000"),
                   .expected_status = 400,
                   .expected = {R"("code":{"code":"invalid")"},
                   .audit = {"auth.login_failed"}},
                  {.name = "password and code",
                   .method = Method::kPost,
                   .url = "/api/v1/auth/2fa/disable",
                   .headers = test::bearer_json(alice.token),
                   .body = disable("Correct-Horse-9", code_at(two_fa.secret, clock)),
                   .expected_status = 204,
                   .events = {"user.2fa_disabled"},
                   .audit = {"auth.2fa_disabled"},
                   .check =
                       [&](const http::ClientResponse&) {
                         CHECK(test::sign_in(server, "alice@example.com", "Correct-Horse-9").status == 200);
                         CHECK(test::audit_rows(server, "auth.2fa_disabled").size() == 1);
                       }},
              });
}

TEST_CASE("an organisation that requires 2FA restricts members until they enrol", "[api][auth]") {
  test::ManualClock clock;
  test::TestServer server({.clock = &clock});
  // An operator who is also a member, so a platform route shows the restriction.
  const auto ops = test::create_user(server, "ops@example.com", "Correct-Horse-9", "platform_admin");
  const auto org = test::create_org(server, "Strict Co");
  test::add_member(server, org, ops.id, "viewer");
  server.app().db().write(
      [&](core::Tx& tx) { tx.exec("UPDATE orgs SET require_2fa = 1 WHERE id = '" + org + "'"); });

  const auto list = [&] {
    return server.client().get("/api/v1/platform/operators", test::bearer(ops.token));
  };
  const auto refused = list();
  CHECK(refused.status == 403);
  CHECK(refused.json()["code"] == "auth.2fa_enrollment_required");
  CHECK(server.client().get("/api/v1/me", test::bearer(ops.token)).json()["restriction"] ==
        "auth.2fa_enrollment_required");

  enable_2fa(server, ops.token, clock);
  CHECK(list().status == 200);
}
