// Invitations through the API: created by administrators, opened and accepted by the invitee
// (new or existing account), single use, expiring, revocable.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "support/manual_clock.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

struct Invite {
  std::string id;
  std::string token;
};

Invite invite(test::World& w, const std::string& email, const std::string& role = "developer") {
  auto& a = w.org("A");
  const auto r = w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/invitations", a.admin().token,
                        {{"email", email}, {"role", role}});
  REQUIRE(r.status == 201);
  const auto url = r.json()["inviteUrl"].get<std::string>();
  return {r.json()["id"].get<std::string>(), url.substr(url.rfind('/') + 1)};
}

const nlohmann::json kNewAccount = {{"name", "Han Meimei"}, {"password", "Joining-Now-2024"}};

}  // namespace

TEST_CASE("administrators create, list and revoke invitations", "[api][orgs][invitations]") {
  test::World w = test::given() | test::org("A").everyone() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto url = "/api/v1/orgs/" + a.id + "/invitations";
  const auto body = nlohmann::json{{"email", "guest@c.example"}, {"role", "developer"}}.dump();
  test::run_scenarios(
      w.server,
      {
          {.name = "bad fields",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = R"({"email":"guest","role":"owner","message":"hi"})",
           .expected_status = 400,
           .expected = {R"("email":)", R"("role":{"code":"invalid")",
                        R"("message":{"code":"unknown_field")"}},
          {.name = "a member is not invited again",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = R"({"email":"Viewer@a.example","role":"viewer"})",
           .expected_status = 409,
           .expected = {R"("code":"invitations.already_member")"}},
          {.name = "success: a link to share, shown once",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = body,
           .expected_status = 201,
           .expected = {R"("status":"pending")", R"("role":"developer")", R"("expiresAt":)"},
           .audit = {"invitation.created"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto link = r.json()["inviteUrl"].get<std::string>();
                 const auto prefix = fmt::format("http://127.0.0.1:{}/invite/", w.server.port());
                 REQUIRE(link.starts_with(prefix));
                 const auto token = link.substr(prefix.size());
                 CHECK(token.size() == 43);  // 256 bits, base64url
                 CHECK(w.audit_count("invitation.created", r.json()["id"].get<std::string>()) == 1);
                 const auto stored = w.server.app().db().read([&](core::Conn& c) {
                   auto& st = c.prepare("SELECT count(*) FROM audit_log WHERE after_json LIKE ?");
                   st.bind(1, "%" + token + "%");
                   st.executeStep();
                   return st.getColumn(0).getInt() +
                          c.query_int("SELECT count(*) FROM invitations WHERE token_hash = '" + token + "'")
                              .value_or(0);
                 });
                 CHECK(stored == 0);  // neither logged nor stored in clear
                 const auto twice = w.call(Method::kPost, url, a.admin().token, nlohmann::json::parse(body));
                 CHECK(twice.status == 409);
                 CHECK(twice.json()["code"] == "invitations.already_pending");
               }},
      });

  const auto first = invite(w, "one@c.example");
  const auto second = invite(w, "two@c.example", "viewer");
  test::run_scenarios(
      w.server,
      {
          {.name = "list: a viewer sees them, without tokens",
           .url = url,
           .headers = test::bearer(a.viewer().token),
           .expected = {"one@c.example", "two@c.example", R"("invitedBy":{"id":")"},
           .not_expected = {first.token, second.token, "token"}},
          {.name = "list: bad status filter",
           .url = url + "?status=lost",
           .headers = test::bearer(a.viewer().token),
           .expected_status = 400},
          {.name = "revoke: through another organisation is 404",
           .method = Method::kDelete,
           .url = "/api/v1/orgs/" + b.id + "/invitations/" + first.id,
           .headers = test::bearer(b.owner().token),
           .expected_status = 404,
           .expected = {R"("code":"invitations.not_found")"}},
          {.name = "revoke: success, once",
           .method = Method::kDelete,
           .url = url + "/" + first.id,
           .headers = test::bearer(a.admin().token),
           .expected_status = 204,
           .audit = {"invitation.revoked"},
           .check =
               [&](const http::ClientResponse&) {
                 CHECK(w.audit_count("invitation.revoked", first.id) == 1);
                 CHECK(w.call(Method::kDelete, url + "/" + first.id, a.admin().token).json()["code"] ==
                       "invitations.not_pending");
                 const auto revoked =
                     w.call(Method::kGet, url + "?status=revoked", a.viewer().token).json()["items"];
                 REQUIRE(revoked.size() == 1);
                 CHECK(revoked[0]["id"] == first.id);
                 CHECK(w.call(Method::kGet, "/api/v1/invitations/" + first.token, "").status == 410);
               }},
      });
}

TEST_CASE("an invitation creates a new account, once", "[api][orgs][invitations]") {
  test::World w = test::given() | test::org("A").admin();
  auto& a = w.org("A");
  const auto inv = invite(w, "han@c.example", "developer");
  const auto open_url = "/api/v1/invitations/" + inv.token;

  auto r = w.call(Method::kGet, open_url, "");
  REQUIRE(r.status == 200);
  CHECK(r.json()["orgName"] == "Org A");
  CHECK(r.json()["email"] == "han@c.example");
  CHECK(r.json()["role"] == "developer");
  CHECK(r.json()["accountExists"] == false);
  CHECK(w.call(Method::kGet, "/api/v1/invitations/not-a-real-token", "").status == 404);

  r = w.call(Method::kPost, open_url + "/accept", "", {{"name", "Han"}, {"password", "short"}});
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("password":{"code":"too_short")") != std::string::npos);
  CHECK(w.call(Method::kPost, open_url + "/accept", "", {{"password", "Joining-Now-2024"}}).status == 400);

  r = w.call(Method::kPost, open_url + "/accept", "", kNewAccount);
  REQUIRE(r.status == 200);
  CHECK(r.json()["accountCreated"] == true);
  CHECK(r.json()["role"] == "developer");
  const auto user_id = r.json()["userId"].get<std::string>();
  CHECK(test::user_id_of(w, "han@c.example") == user_id);
  const auto token = test::access_token_for(w.server, user_id);
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/members", token).status == 200);
  CHECK(w.audit_count("invitation.accepted", inv.id) == 1);
  CHECK(w.event_count("member.added") == 1);

  // Used: gone for good.
  r = w.call(Method::kPost, open_url + "/accept", "", kNewAccount);
  CHECK(r.status == 410);
  CHECK(r.json()["code"] == "invitations.gone");
  CHECK(r.json()["details"]["status"] == "accepted");
  CHECK(w.call(Method::kGet, open_url, "").status == 410);
}

TEST_CASE("an existing account accepts while signed in with the invited email", "[api][orgs][invitations]") {
  test::World w = test::given() | test::org("A").admin().developer() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto inv = invite(w, "Owner@B.example", "viewer");
  const auto accept_url = "/api/v1/invitations/" + inv.token + "/accept";

  CHECK(w.call(Method::kGet, "/api/v1/invitations/" + inv.token, "").json()["accountExists"] == true);
  auto r = w.call(Method::kPost, accept_url, "", kNewAccount);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "invitations.account_exists");
  r = w.call(Method::kPost, accept_url, a.developer().token);
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "invitations.email_mismatch");
  CHECK(w.call(Method::kPost, accept_url, b.owner().token, {{"name", "x"}}).status == 400);  // no fields

  r = w.call(Method::kPost, accept_url, b.owner().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["accountCreated"] == false);
  CHECK(r.json()["userId"] == b.owner().id);
  // The same person now belongs to both organisations.
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/members", b.owner().token).status == 200);
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + b.id + "/members", b.owner().token).status == 200);
  CHECK(w.call(Method::kPost, accept_url, b.owner().token).status == 410);
}

TEST_CASE("invitations expire after the configured lifetime", "[api][orgs][invitations]") {
  test::ManualClock clock;
  test::TestServerOptions options;
  options.clock = &clock;
  test::World w = test::given(std::move(options)) | test::org("A").admin().viewer() | test::operators();
  auto& a = w.org("A");
  REQUIRE(w.call(Method::kPatch, "/api/v1/platform/settings/security", w.platform_admin().token,
                 {{"invitationTtlHours", 2}})
              .status == 200);
  const auto inv = invite(w, "late@c.example");
  clock.advance(std::chrono::minutes(119));
  CHECK(w.call(Method::kGet, "/api/v1/invitations/" + inv.token, "").status == 200);
  clock.advance(std::chrono::minutes(2));
  // The fixture's access tokens live an hour: sign the cast in again.
  a.admin().token = test::access_token_for(w.server, a.admin().id);
  a.viewer().token = test::access_token_for(w.server, a.viewer().id);
  auto r = w.call(Method::kPost, "/api/v1/invitations/" + inv.token + "/accept", "", kNewAccount);
  CHECK(r.status == 410);
  CHECK(r.json()["details"]["status"] == "expired");
  const auto expired =
      w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/invitations?status=expired", a.viewer().token);
  REQUIRE(expired.json()["items"].size() == 1);
  CHECK(expired.json()["items"][0]["status"] == "expired");
  CHECK(test::user_id_of(w, "late@c.example").empty());
  // An expired invitation no longer blocks a new one to the same address.
  invite(w, "late@c.example");
}

TEST_CASE("invitation links use the configured public URL", "[api][orgs][invitations]") {
  test::TestServerOptions options;
  options.configure = [](core::Config& c) { c.http.public_url = "https://cove.example.com"; };
  test::World w = test::given(std::move(options)) | test::org("A").owner();
  auto& a = w.org("A");
  const auto r = w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/invitations", a.owner().token,
                        {{"email", "p@c.example"}, {"role", "admin"}});
  REQUIRE(r.status == 201);
  CHECK(r.json()["inviteUrl"].get<std::string>().starts_with("https://cove.example.com/invite/"));
}
