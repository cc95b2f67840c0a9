// Operators require two-factor authentication of every member of an organisation
// (PUT /api/v1/platform/orgs/{orgId}/security); the organisation cannot lift what an operator
// imposed, and lifting it leaves the organisation's own choice.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "core/totp.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

// The code a member gets on an ordinary organisation route ("" when it succeeds).
std::string member_outcome(test::World& w, const test::TestUser& user, const std::string& org_id) {
  const auto r = w.call(Method::kGet, "/api/v1/orgs/" + org_id + "/members", user.token);
  return r.status == 200 ? std::string() : r.json().value("code", std::to_string(r.status));
}

void enrol_2fa(test::World& w, const test::TestUser& user) {
  const auto e = w.call(Method::kPost, "/api/v1/auth/2fa/enroll", user.token, nlohmann::json::object());
  REQUIRE(e.status == 200);
  const auto secret = core::totp::base32_decode(e.json()["secret"].get<std::string>());
  const auto code = core::totp::code(secret, w.server.app().clock().unix_seconds());
  REQUIRE(w.call(Method::kPost, "/api/v1/auth/2fa/confirm", user.token, {{"code", code}}).status == 200);
}

}  // namespace

TEST_CASE("operators require 2FA of an organisation's members", "[api][orgs][2fa]") {
  test::World w = test::given() | test::org("A").viewer() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto url = "/api/v1/platform/orgs/" + a.id + "/security";
  const auto require = [&](bool on) { return nlohmann::json{{"require2fa", on}}.dump(); };
  REQUIRE(member_outcome(w, a.viewer(), a.id).empty());

  test::run_scenarios(
      w.server,
      {
          {.name = "an unknown organisation",
           .method = Method::kPut,
           .url = "/api/v1/platform/orgs/org_unknown/security",
           .headers = test::bearer_json(w.platform_admin().token),
           .body = require(true),
           .expected_status = 404,
           .expected = {R"("code":"orgs.not_found")"}},
          {.name = "bad fields",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"require2fa":"yes","scope":"all"})",
           .expected_status = 400,
           .expected = {R"("require2fa":{"code":"invalid_type")", R"("scope":{"code":"unknown_field")"}},
          {.name = "the field is required",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = "{}",
           .expected_status = 400,
           .expected = {R"("require2fa":{"code":"required")"}},
          {.name = "required",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = require(true),
           .expected_status = 200,
           .expected = {R"("require2fa":true)", R"("require2faImposedAt":"20)"},
           .events = {"org.updated"},
           .audit = {"org.security_updated"},
           .check =
               [&](const http::ClientResponse&) {
                 CHECK(w.audit_count("org.security_updated", a.id) == 1);
                 // Members without 2FA may only enrol now; the other organisation is untouched.
                 CHECK(member_outcome(w, a.viewer(), a.id) == "auth.2fa_enrollment_required");
                 CHECK(member_outcome(w, b.owner(), b.id).empty());
                 // Operators see it on the organisation (its members may only enrol for now).
                 const auto org =
                     w.call(Method::kGet, "/api/v1/platform/orgs/" + a.id, w.platform_admin().token).json();
                 CHECK(org["require2fa"] == true);
                 CHECK(org["require2faImposedAt"].is_string());
               }},
          // Each row starts from a fresh world, so the row itself asks twice.
          {.name = "requiring it again changes nothing",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = require(true),
           .expected_status = 200,
           .events = {"org.updated"},
           .audit = {"org.security_updated"},
           .check =
               [&](const http::ClientResponse& first) {
                 const auto again =
                     w.call(Method::kPut, url, w.platform_admin().token, {{"require2fa", true}});
                 CHECK(again.status == 200);
                 CHECK(again.json()["require2faImposedAt"] == first.json()["require2faImposedAt"]);
                 CHECK(w.audit_count("org.security_updated", a.id) == 1);
                 CHECK(w.event_count("org.updated") == 1);
               }},
      });
}

TEST_CASE("an organisation cannot lift an operator's 2FA requirement", "[api][orgs][2fa]") {
  test::World w = test::given() | test::org("A").owner().viewer() | test::operators();
  auto& a = w.org("A");
  const auto security = "/api/v1/platform/orgs/" + a.id + "/security";
  const auto org_url = "/api/v1/orgs/" + a.id;
  REQUIRE(w.call(Method::kPut, security, w.platform_admin().token, {{"require2fa", true}}).status == 200);

  // The owner enrols first (until then every route but enrolment is refused).
  CHECK(member_outcome(w, a.owner(), a.id) == "auth.2fa_enrollment_required");
  enrol_2fa(w, a.owner());
  auto r = w.call(Method::kPatch, org_url, a.owner().token, {{"require2fa", false}});
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "orgs.2fa_imposed");
  // Other profile edits, and asking for what is already required, still work.
  r = w.call(Method::kPatch, org_url, a.owner().token, {{"name", "Org A Renamed"}, {"require2fa", true}});
  CHECK(r.status == 200);
  CHECK(r.json()["name"] == "Org A Renamed");

  // The operator lifts it: the organisation's own choice (made above) remains.
  r = w.call(Method::kPut, security, w.platform_admin().token, {{"require2fa", false}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["require2faImposedAt"].is_null());
  CHECK(r.json()["require2fa"] == true);
  CHECK(w.audit_count("org.security_updated", a.id) == 2);
  CHECK(member_outcome(w, a.viewer(), a.id) == "auth.2fa_enrollment_required");

  // Now the organisation may turn its own requirement off, and members are free again.
  r = w.call(Method::kPatch, org_url, a.owner().token, {{"require2fa", false}});
  CHECK(r.status == 200);
  CHECK(r.json()["require2fa"] == false);
  CHECK(member_outcome(w, a.viewer(), a.id).empty());
}
