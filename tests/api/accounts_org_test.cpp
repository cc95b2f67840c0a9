// Organisations through the API: self-registration, profile, the operators' review state
// machine and queue, and the licence scan.
#include <array>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

std::string png_bytes() { return std::string("\x89PNG\r\n\x1A\n", 8) + std::string(64, '\x01'); }

}  // namespace

TEST_CASE("organisations register as pending with an owner account", "[api][orgs]") {
  test::World w = test::given() | test::org("A").owner();
  const auto body = test::registration_body();
  auto bad = body;
  bad["name"] = "A";
  bad["licenseNo"] = "no spaces allowed!";
  bad["contactEmail"] = "not-an-email";
  bad["contactPhone"] = "call me";
  bad["owner"].erase("email");
  bad["extra"] = true;
  auto weak = body;
  weak["owner"]["password"] = "short";
  auto taken = body;
  taken["owner"]["email"] = "OWNER@a.example";

  test::run_scenarios(
      w.server,
      {
          {.name = "success creates a pending organisation",
           .method = Method::kPost,
           .url = "/api/v1/orgs/register",
           .headers = test::json_only(),
           .body = body.dump(),
           .expected_status = 201,
           .expected = {R"("status":"pending")", R"("id":"org_)"},
           .not_expected = {"Very-Secret-42"},
           .events = {"org.registered"},
           .audit = {"org.registered"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto org_id = r.json()["id"].get<std::string>();
                 CHECK(test::org_status(w, org_id) == "pending");
                 const auto owner_id = test::user_id_of(w, "founder@acme.example");
                 REQUIRE_FALSE(owner_id.empty());
                 const auto role = w.server.app().db().read([&](core::Conn& c) {
                   auto& st = c.prepare("SELECT role FROM org_members WHERE org_id = ? AND user_id = ?");
                   st.bind(1, org_id);
                   st.bind(2, owner_id);
                   return st.executeStep() ? st.getColumn(0).getString() : std::string();
                 });
                 CHECK(role == "owner");
                 CHECK(w.audit_count("org.registered", org_id) == 1);
                 CHECK(w.event_count("org.registered") == 1);
                 // The operation log never holds the password.
                 const auto secrets_logged = w.server.app().db().read([](core::Conn& c) {
                   return c.query_int("SELECT count(*) FROM audit_log WHERE after_json LIKE '%Very-Secret%'");
                 });
                 CHECK(secrets_logged == 0);
               }},
          {.name = "every bad field is reported at once",
           .method = Method::kPost,
           .url = "/api/v1/orgs/register",
           .headers = test::json_only(),
           .body = bad.dump(),
           .expected_status = 400,
           .expected = {R"("code":"validation_failed")", R"("name":)", R"("licenseNo":)",
                        R"("contactEmail":)", R"("contactPhone":)", R"("owner.email":)",
                        R"("extra":{"code":"unknown_field")"}},
          {.name = "a password the policy refuses",
           .method = Method::kPost,
           .url = "/api/v1/orgs/register",
           .headers = test::json_only(),
           .body = weak.dump(),
           .expected_status = 400,
           .expected = {R"("owner.password":{"code":"too_short")"}},
          {.name = "an email with an account must be invited instead",
           .method = Method::kPost,
           .url = "/api/v1/orgs/register",
           .headers = test::json_only(),
           .body = taken.dump(),
           .expected_status = 409,
           .expected = {R"("code":"orgs.owner_exists")"}},
          {.name = "a body that is not JSON",
           .method = Method::kPost,
           .url = "/api/v1/orgs/register",
           .headers = test::json_only(),
           .body = "name=acme",
           .expected_status = 400,
           .expected = {R"("code":"invalid_json")"}},
      });
}

TEST_CASE("a licence number is registered once, until rejected", "[api][orgs]") {
  test::World w = test::given() | test::operators();
  const auto first =
      w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-1", "a@x.example"));
  REQUIRE(first.status == 201);
  auto again =
      w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-1", "b@x.example"));
  CHECK(again.status == 409);
  CHECK(again.json()["code"] == "orgs.license_exists");

  const auto org_id = first.json()["id"].get<std::string>();
  const auto rejected = w.call(Method::kPost, "/api/v1/platform/orgs/" + org_id + "/reject",
                               w.platform_admin().token, {{"reason", "Licence scan unreadable"}});
  REQUIRE(rejected.status == 200);
  again = w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-1", "b@x.example"));
  CHECK(again.status == 201);
}

TEST_CASE("a password policy change applies to the next registration", "[api][orgs]") {
  test::World w = test::given() | test::operators();
  const auto patched = w.call(Method::kPatch, "/api/v1/platform/settings/security", w.platform_admin().token,
                              {{"passwordMinLength", 20}});
  REQUIRE(patched.status == 200);
  auto r = w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body());
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("owner.password":{"code":"too_short")") != std::string::npos);

  auto body = test::registration_body();
  body["owner"]["password"] = "A-much-longer-passphrase-7";
  r = w.call(Method::kPost, "/api/v1/orgs/register", "", body);
  CHECK(r.status == 201);
}

TEST_CASE("organisation profile: read and update", "[api][orgs]") {
  test::World w = test::given() | test::org("A").everyone() | test::operators();
  auto& a = w.org("A");
  const auto url = "/api/v1/orgs/" + a.id;
  test::run_scenarios(
      w.server,
      {
          {.name = "a viewer reads the profile, effective quotas and usage",
           .url = url,
           .headers = test::bearer(a.viewer().token),
           .expected = {R"("name":"Org A")", R"("status":"active")", R"("quotas":{)", R"("maxMembers":100)",
                        R"("usage":{"members":4})"}},
          {.name = "an unknown organisation is 404",
           .url = "/api/v1/orgs/org_doesnotexist",
           .headers = test::bearer(a.owner().token),
           .expected_status = 404},
          {.name = "a platform reviewer may read it",
           .url = url,
           .headers = test::bearer(w.reviewer().token),
           .expected = {R"("name":"Org A")"}},
          {.name = "update: bad fields",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = R"({"contactEmail":"nope","licenseNo":"X-1","require2fa":"yes"})",
           .expected_status = 400,
           .expected = {R"("contactEmail":)", R"("licenseNo":{"code":"unknown_field")", R"("require2fa":)"}},
          {.name = "update: an admin renames and requires 2FA",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = R"({"name":"Org A Ltd","require2fa":true})",
           .expected = {R"("name":"Org A Ltd")", R"("require2fa":true)"},
           .events = {"org.updated"},
           .audit = {"org.updated"},
           .check = [&](const http::ClientResponse&) { CHECK(w.audit_count("org.updated", a.id) == 1); }},
      });
}

TEST_CASE("operators review organisations through a strict state machine", "[api][orgs]") {
  test::World w = test::given() | test::operators();
  const auto reg = w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body());
  REQUIRE(reg.status == 201);
  const auto org = reg.json()["id"].get<std::string>();
  const auto founder = test::access_token_for(w.server, test::user_id_of(w, "founder@acme.example"));
  const auto decide = [&](const std::string& what, const std::string& token, nlohmann::json body = nullptr) {
    return w.call(Method::kPost, "/api/v1/platform/orgs/" + org + "/" + what, token, body);
  };

  // Pending: the owner sees the organisation and may complete the application (profile and the
  // licence scan the operators review), and nothing else.
  auto r = w.call(Method::kGet, "/api/v1/orgs/" + org, founder);
  CHECK(r.status == 200);
  CHECK(r.json()["status"] == "pending");
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + org + "/members", founder).status == 403);
  CHECK(w.call(Method::kPatch, "/api/v1/orgs/" + org, founder, {{"name", "Acme Ltd"}}).status == 200);
  {
    auto client = w.server.client();
    auto h = test::bearer(founder);
    h.set("Content-Type", "application/octet-stream");
    CHECK(client.request(Method::kPut, "/api/v1/orgs/" + org + "/license-attachment", h, png_bytes()).status == 200);
  }

  CHECK(w.call(Method::kPost, "/api/v1/platform/orgs/org_unknown/approve", w.platform_admin().token).status ==
        404);
  CHECK(decide("approve", w.platform_admin().token, {{"note", "x"}}).status == 400);  // takes no fields
  r = decide("suspend", w.platform_admin().token, {{"reason", "x"}});
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "orgs.invalid_transition");

  r = decide("approve", w.platform_admin().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "active");
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + org + "/members", founder).status == 200);
  CHECK(decide("approve", w.platform_admin().token).status == 409);
  CHECK(decide("reject", w.platform_admin().token, {{"reason", "too late"}}).status == 409);
  CHECK(decide("reactivate", w.platform_admin().token).status == 409);

  r = decide("suspend", w.platform_admin().token, nlohmann::json::object());
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("reason":{"code":"required")") != std::string::npos);
  r = decide("suspend", w.platform_admin().token, {{"reason", "Unpaid invoice"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "suspended");
  CHECK(r.json()["statusReason"] == "Unpaid invoice");
  // Suspended: back to seeing the status only.
  r = w.call(Method::kGet, "/api/v1/orgs/" + org, founder);
  CHECK(r.json()["statusReason"] == "Unpaid invoice");
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + org + "/members", founder).status == 403);
  CHECK(w.call(Method::kPatch, "/api/v1/orgs/" + org, founder, {{"name", "Acme 3"}}).status == 403);
  CHECK(w.call(Method::kPost, "/api/v1/orgs/" + org + "/invitations", founder,
               {{"email", "x@y.example"}, {"role", "viewer"}})
            .status == 403);

  r = decide("reactivate", w.platform_admin().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "active");
  CHECK(r.json()["statusReason"].is_null());

  // Each decision is in the operation log, by the operator, and emitted as an event.
  for (const auto* action : {"org.approved", "org.suspended", "org.reactivated"}) {
    INFO(action);
    CHECK(w.audit_count(action, org) == 1);
    CHECK(w.event_count(action) == 1);
  }
  const auto actor = w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT actor_id, org_id, after_json FROM audit_log WHERE action = 'org.suspended'");
    st.executeStep();
    return std::array<std::string, 3>{st.getColumn(0).getString(), st.getColumn(1).getString(),
                                      st.getColumn(2).getString()};
  });
  CHECK(actor[0] == w.platform_admin().id);
  CHECK(actor[1] == org);
  CHECK(actor[2].find("Unpaid invoice") != std::string::npos);

  // Rejection is final.
  const auto reg2 =
      w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-2", "z@z.example"));
  const auto org2 = reg2.json()["id"].get<std::string>();
  r = w.call(Method::kPost, "/api/v1/platform/orgs/" + org2 + "/reject", w.platform_admin().token,
             {{"reason", "Licence does not match the company name"}});
  CHECK(r.json()["status"] == "rejected");
  CHECK(
      w.call(Method::kPost, "/api/v1/platform/orgs/" + org2 + "/approve", w.platform_admin().token).status ==
      409);
  CHECK(w.call(Method::kPost, "/api/v1/platform/orgs/" + org2 + "/reactivate", w.platform_admin().token)
            .status == 409);
  CHECK(w.audit_count("org.rejected", org2) == 1);
}

TEST_CASE("the review queue filters, searches and pages", "[api][orgs]") {
  test::World w = test::given() | test::org("A") | test::org("B") | test::operators();
  auto& a = w.org("A");
  for (int i = 0; i < 3; ++i) {
    const auto r =
        w.call(Method::kPost, "/api/v1/orgs/register", "",
               test::registration_body(fmt::format("PENDING-{}", i), fmt::format("p{}@q.example", i)));
    REQUIRE(r.status == 201);
  }
  const auto list = [&](const std::string& query, const std::string& token) {
    return w.call(Method::kGet, "/api/v1/platform/orgs" + query, token);
  };
  CHECK(list("?status=sleeping", w.reviewer().token).status == 400);
  CHECK(list("?limit=0", w.reviewer().token).status == 400);
  CHECK(list("?cursor=garbage", w.reviewer().token).status == 400);

  auto r = list("?status=pending&limit=2", w.reviewer().token);
  REQUIRE(r.status == 200);
  auto page = r.json();
  REQUIRE(page["items"].size() == 2);
  CHECK(page["total"] == 3);  // every pending one, not the page
  CHECK(page["items"][0]["licenseNo"] == "PENDING-2");  // newest first
  REQUIRE(page["nextCursor"].is_string());
  r = list(fmt::format("?status=pending&limit=2&cursor={}", page["nextCursor"].get<std::string>()),
           w.reviewer().token);
  page = r.json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["licenseNo"] == "PENDING-0");
  CHECK(page["nextCursor"].is_null());

  CHECK(list("?status=active", w.reviewer().token).json()["items"].size() == 2);  // Org A and Org B
  r = list("?q=PENDING-1", w.reviewer().token);
  REQUIRE(r.json()["items"].size() == 1);
  CHECK(r.json()["items"][0]["licenseNo"] == "PENDING-1");
  CHECK(list("?q=%25", w.reviewer().token).json()["items"].empty());  // LIKE wildcards are literal

  r = w.call(Method::kGet, "/api/v1/platform/orgs/" + a.id, w.reviewer().token);
  CHECK(r.status == 200);
  CHECK(r.json()["quotaOverrides"]["maxApps"].is_null());
  CHECK(w.call(Method::kGet, "/api/v1/platform/orgs/org_unknown", w.reviewer().token).status == 404);
}

TEST_CASE("the licence scan is stored and served by its real type", "[api][orgs]") {
  test::World w = test::given() | test::org("A").owner().admin().viewer() | test::operators();
  auto& a = w.org("A");
  const auto url = "/api/v1/orgs/" + a.id + "/license-attachment";
  const auto put = [&](const std::string& token, const std::string& bytes, const std::string& query = "") {
    auto client = w.server.client();
    http::Headers h = token.empty() ? http::Headers{} : test::bearer(token);
    h.set("Content-Type", "application/octet-stream");
    return client.request(Method::kPut, url + query, h, bytes);
  };
  CHECK(w.call(Method::kGet, url, a.owner().token).status == 404);  // nothing uploaded yet
  auto r = put(a.owner().token, "just some text, renamed to scan.png");
  CHECK(r.status == 415);
  CHECK(r.json()["code"] == "unsupported_media_type");
  CHECK(put(a.owner().token, "").status == 400);

  r = put(a.owner().token, png_bytes(), "?filename=licence%20scan.png");
  REQUIRE(r.status == 200);
  CHECK(r.json()["contentType"] == "image/png");
  CHECK(r.json()["name"] == "licence scan.png");
  CHECK(w.audit_count("org.license_attachment_set", a.id) == 1);

  r = w.call(Method::kGet, url, a.viewer().token);
  REQUIRE(r.status == 200);
  CHECK(r.body == png_bytes());
  CHECK(r.headers.get("Content-Type") == "image/png");
  CHECK(r.headers.get("Content-Disposition")->find("filename*=UTF-8''licence%20scan.png") !=
        std::string_view::npos);
  CHECK(w.call(Method::kGet, url, w.reviewer().token).status == 200);  // operators review it

  const std::string pdf = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
  r = put(a.admin().token, pdf);
  REQUIRE(r.status == 200);
  CHECK(r.json()["name"] == "license.pdf");
  r = w.call(Method::kGet, url, a.owner().token);
  CHECK(r.headers.get("Content-Type") == "application/pdf");
  CHECK(r.body == pdf);
}
