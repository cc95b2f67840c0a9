// Identity is memoised per session and per API key (principal_cache.hpp). Each case first makes
// a request that fills the memo, then changes who the caller is or what they may do, and expects
// the very next request to see the change: revocation, suspension, role changes, operator 2FA
// requirements, settings, and the moments at which stored data expires on its own.
#include <chrono>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "support/manual_clock.hpp"

using namespace cove;
using cove::http::Method;

namespace {

int status_of(test::World& w, const std::string& url, const std::string& token) {
  return w.call(Method::kGet, url, token).status;
}

std::string code_of(test::World& w, const std::string& url, const std::string& token) {
  const auto r = w.call(Method::kGet, url, token);
  return r.status < 400 ? std::string() : r.json().value("code", "");
}

void sql(test::World& w, const std::string& statement) {
  w.server.app().db().write([&](core::Tx& tx) { tx.exec(statement); });
}

}  // namespace

TEST_CASE("a revoked session is refused on the next request", "[api][auth][cache]") {
  test::World w = test::given() | test::org("A").admin().viewer();
  auto& a = w.org("A");
  const auto second = test::access_token_for(w.server, a.viewer().id);
  REQUIRE(status_of(w, "/api/v1/me", second) == 200);
  REQUIRE(status_of(w, "/api/v1/me", second) == 200);  // served from the memo

  // Sign out of that session…
  REQUIRE(w.call(Method::kPost, "/api/v1/auth/logout", second).status == 204);
  CHECK(status_of(w, "/api/v1/me", second) == 401);

  // …and everywhere: the fixture's own session goes as well.
  REQUIRE(status_of(w, "/api/v1/me", a.admin().token) == 200);
  const auto current = test::access_token_for(w.server, a.admin().id);
  REQUIRE(w.call(Method::kPost, "/api/v1/auth/logout-all", current).status == 204);
  CHECK(status_of(w, "/api/v1/me", a.admin().token) == 401);
}

TEST_CASE("suspending an organisation takes its members' permissions at once", "[api][orgs][cache]") {
  test::World w = test::given() | test::org("A").viewer() | test::operators();
  auto& a = w.org("A");
  const auto members = "/api/v1/orgs/" + a.id + "/members";
  REQUIRE(status_of(w, members, a.viewer().token) == 200);
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + a.id + "/suspend", w.platform_admin().token,
                 {{"reason", "Unpaid invoices"}})
              .status == 200);
  CHECK(status_of(w, members, a.viewer().token) == 403);
  // They can still see the organisation and its status.
  CHECK(status_of(w, "/api/v1/orgs/" + a.id, a.viewer().token) == 200);

  REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + a.id + "/reactivate", w.platform_admin().token)
              .status == 200);
  CHECK(status_of(w, members, a.viewer().token) == 200);
}

TEST_CASE("role changes, removal and a disabled account apply to the next request", "[api][orgs][cache]") {
  test::World w = test::given() | test::org("A").owner().admin().developer();
  auto& a = w.org("A");
  const auto invitations = "/api/v1/orgs/" + a.id + "/invitations";
  const auto member_url = "/api/v1/orgs/" + a.id + "/members/" + a.admin().id;
  REQUIRE(status_of(w, invitations, a.admin().token) == 200);

  REQUIRE(w.call(Method::kPatch, member_url, a.owner().token, {{"role", "viewer"}}).status == 200);
  CHECK(w.call(Method::kPost, invitations, a.admin().token, {{"email", "x@a.example"}, {"role", "viewer"}})
            .status == 403);

  REQUIRE(w.call(Method::kDelete, member_url, a.owner().token).status == 204);
  CHECK(status_of(w, "/api/v1/orgs/" + a.id + "/members", a.admin().token) == 404);

  // A write made by any means (here straight to the database) counts as well.
  REQUIRE(status_of(w, "/api/v1/me", a.developer().token) == 200);
  sql(w, "UPDATE users SET status = 'disabled' WHERE id = '" + a.developer().id + "'");
  CHECK(status_of(w, "/api/v1/me", a.developer().token) == 401);
}

TEST_CASE("security settings apply to the next request", "[api][settings][cache]") {
  test::World w = test::given() | test::operators();
  REQUIRE(status_of(w, "/api/v1/platform/orgs", w.reviewer().token) == 200);
  REQUIRE(w.call(Method::kPatch, "/api/v1/platform/settings/security", w.platform_admin().token,
                 {{"require2faOperators", true}})
              .status == 200);
  CHECK(code_of(w, "/api/v1/platform/orgs", w.reviewer().token) == "auth.2fa_enrollment_required");
}

TEST_CASE("memoised identities end when their session or password expires", "[api][auth][cache]") {
  test::ManualClock clock;
  test::TestServerOptions options;
  options.clock = &clock;
  test::World w = test::given(std::move(options)) | test::org("A").owner().viewer() | test::operators();
  auto& a = w.org("A");
  const auto members = "/api/v1/orgs/" + a.id + "/members";
  const auto now_ms = clock.unix_millis();

  // The session ends in two seconds (its access token would live for an hour).
  sql(w, "UPDATE sessions SET expires_ms = " + std::to_string(now_ms + 2000) + " WHERE user_id = '" +
             a.viewer().id + "'");
  REQUIRE(status_of(w, members, a.viewer().token) == 200);
  clock.advance(std::chrono::milliseconds(1999));
  CHECK(status_of(w, members, a.viewer().token) == 200);
  clock.advance(std::chrono::milliseconds(1));
  CHECK(status_of(w, members, a.viewer().token) == 401);

  // Passwords expire after one day; the owner's is one second short of that.
  REQUIRE(w.call(Method::kPatch, "/api/v1/platform/settings/security", w.platform_admin().token,
                 {{"passwordExpiryDays", 1}})
              .status == 200);
  const auto day_ms = std::int64_t{24} * 3600 * 1000;
  sql(w, "UPDATE users SET password_changed_ms = " + std::to_string(clock.unix_millis() - day_ms + 1000) +
             " WHERE id = '" + a.owner().id + "'");
  REQUIRE(status_of(w, members, a.owner().token) == 200);
  clock.advance(std::chrono::milliseconds(1001));
  CHECK(code_of(w, members, a.owner().token) == "auth.password_change_required");
}
