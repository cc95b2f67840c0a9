// Platform operators: listing, creating, changing and removing them, the last-admin rule and
// operator password resets.
#include <catch2/catch.hpp>

#include "support/accounts_fixture.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

namespace {

struct Platform {
  test::TestUser admin, reviewer, member;
  std::string org;
};

Platform make_platform(test::TestServer& server) {
  Platform p;
  p.admin = test::create_user(server, "admin@example.com", "Correct-Horse-9", "platform_admin");
  p.reviewer = test::create_user(server, "reviewer@example.com", "Correct-Horse-9", "platform_reviewer");
  p.member = test::create_user(server, "owner@example.com");
  p.org = test::create_org(server, "Acme");
  test::add_member(server, p.org, p.member.id, "owner");
  return p;
}

int status_of_me(test::TestServer& server, const std::string& token) {
  return server.client().get("/api/v1/me", test::bearer(token)).status;
}

}  // namespace

TEST_CASE("operators are listed to platform admins only", "[api][auth]") {
  test::TestServer server;
  const auto p = make_platform(server);
  test::run_scenarios(server,
                      {
                          {.name = "bad filter",
                           .url = "/api/v1/platform/operators?role=owner",
                           .headers = test::bearer(p.admin.token),
                           .expected_status = 400,
                           .expected = {R"("role":{"code":"invalid")"}},
                          {.name = "all operators",
                           .url = "/api/v1/platform/operators",
                           .headers = test::bearer(p.admin.token),
                           .expected = {"admin@example.com", "reviewer@example.com", R"("nextCursor":null)"},
                           .not_expected = {"owner@example.com", "password"}},
                          {.name = "filtered by role",
                           .url = "/api/v1/platform/operators?role=platform_reviewer",
                           .headers = test::bearer(p.admin.token),
                           .expected = {"reviewer@example.com"},
                           .not_expected = {"admin@example.com"}},
                          {.name = "one per page",
                           .url = "/api/v1/platform/operators?limit=1",
                           .headers = test::bearer(p.admin.token),
                           .check =
                               [&](const http::ClientResponse& r) {
                                 const auto j = r.json();
                                 REQUIRE(j["items"].size() == 1);
                                 REQUIRE(j["nextCursor"].is_string());
                                 const auto next = server.client()
                                                       .get("/api/v1/platform/operators?limit=1&cursor=" +
                                                                j["nextCursor"].get<std::string>(),
                                                            test::bearer(p.admin.token))
                                                       .json();
                                 REQUIRE(next["items"].size() == 1);
                                 CHECK(next["items"][0]["id"] != j["items"][0]["id"]);
                                 CHECK(next["nextCursor"].is_null());
                               }},
                      });
}

TEST_CASE("a platform admin creates operators who must change their initial password", "[api][auth]") {
  test::TestServer server;
  const auto p = make_platform(server);
  const auto create = [](const nlohmann::json& body) { return body.dump(); };
  test::run_scenarios(
      server,
      {
          {.name = "invalid fields",
           .method = Method::kPost,
           .url = "/api/v1/platform/operators",
           .headers = test::bearer_json(p.admin.token),
           .body = create({{"email", "not-an-address"},
                           {"name", ""},
                           {"role", "owner"},
                           {"password", "weak"},
                           {"x", 1}}),
           .expected_status = 400,
           .expected = {R"("x":{"code":"unknown_field")", R"("name":{"code":"required")"},
           .check =
               [](const http::ClientResponse& r) {
                 // Shape problems first; the service's checks run once the body parses.
                 CHECK(r.json()["details"]["fields"].size() == 2);
               }},
          {.name = "semantic problems are all reported",
           .method = Method::kPost,
           .url = "/api/v1/platform/operators",
           .headers = test::bearer_json(p.admin.token),
           .body = create(
               {{"email", "not-an-address"}, {"name", "New"}, {"role", "owner"}, {"password", "weak"}}),
           .expected_status = 400,
           .expected = {R"("email":{"code":"invalid")", R"("role":{"code":"invalid")",
                        R"("password":{"code":"too_short")"}},
          {.name = "an address that is taken",
           .method = Method::kPost,
           .url = "/api/v1/platform/operators",
           .headers = test::bearer_json(p.admin.token),
           .body = create({{"email", "OWNER@example.com"}, {"name", "Dup"}}),
           .expected_status = 409,
           .expected = {R"("code":"users.email_taken")"}},
          {.name = "generated temporary password",
           .method = Method::kPost,
           .url = "/api/v1/platform/operators",
           .headers = test::bearer_json(p.admin.token),
           .body = create(
               {{"email", "new@example.com"}, {"name", "New Reviewer"}, {"role", "platform_reviewer"}}),
           .expected_status = 201,
           .expected = {R"("platformRole":"platform_reviewer")", R"("mustChangePassword":true)",
                        R"("temporaryPassword":")"},
           .audit = {"operator.created"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto temporary = r.json()["temporaryPassword"].get<std::string>();
                 CHECK(temporary.size() >= 16);
                 const auto login = test::sign_in(server, "new@example.com", temporary);
                 REQUIRE(login.status == 200);
                 const auto token = login.json()["accessToken"].get<std::string>();
                 CHECK(server.client().get("/api/v1/me", test::bearer(token)).json()["restriction"] ==
                       "auth.password_change_required");
                 const auto created = test::audit_rows(server, "operator.created");
                 REQUIRE(created.size() == 1);
                 CHECK(created[0].actor_id == p.admin.id);
                 CHECK_THAT(test::audit_dump(server), !Catch::Contains(temporary));
               }},
          {.name = "chosen initial password",
           .method = Method::kPost,
           .url = "/api/v1/platform/operators",
           .headers = test::bearer_json(p.admin.token),
           .body =
               create({{"email", "second@example.com"}, {"name", "Second"}, {"password", "Initial-Horse-9"}}),
           .expected_status = 201,
           .expected = {R"("platformRole":"platform_admin")", R"("mustChangePassword":true)"},
           .not_expected = {"temporaryPassword", "Initial-Horse-9"},
           .audit = {"operator.created"}},
      });
}

TEST_CASE("operators change role and status, but the last active admin stays", "[api][auth]") {
  test::TestServer server;
  const auto p = make_platform(server);
  const auto url = [](const std::string& id) { return "/api/v1/platform/operators/" + id; };
  test::run_scenarios(
      server,
      {
          {.name = "not an operator",
           .method = Method::kPatch,
           .url = url(p.member.id),
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"role":"platform_admin"})",
           .expected_status = 404,
           .expected = {R"("code":"operators.not_found")"}},
          {.name = "bad values and no change at all",
           .method = Method::kPatch,
           .url = url(p.reviewer.id),
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"status":"gone"})",
           .expected_status = 400,
           .expected = {R"("status":{"code":"invalid")"}},
          {.name = "empty body",
           .method = Method::kPatch,
           .url = url(p.reviewer.id),
           .headers = test::bearer_json(p.admin.token),
           .body = "{}",
           .expected_status = 400,
           .expected = {R"("role":{"code":"required")"}},
          {.name = "the last admin cannot demote themself",
           .method = Method::kPatch,
           .url = url(p.admin.id),
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"role":"platform_reviewer"})",
           .expected_status = 409,
           .expected = {R"("code":"operators.last_admin")"}},
          {.name = "the last admin cannot be disabled",
           .method = Method::kPatch,
           .url = url(p.admin.id),
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"status":"disabled"})",
           .expected_status = 409,
           .expected = {R"("code":"operators.last_admin")"}},
          {.name = "the last admin cannot be removed",
           .method = Method::kDelete,
           .url = url(p.admin.id),
           .headers = test::bearer(p.admin.token),
           .expected_status = 409,
           .expected = {R"("code":"operators.last_admin")"}},
          {.name = "promote, then the first admin may step down",
           .method = Method::kPatch,
           .url = url(p.reviewer.id),
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"role":"platform_admin"})",
           .expected = {R"("platformRole":"platform_admin")"},
           .audit = {"operator.updated"},
           .check =
               [&](const http::ClientResponse&) {
                 const auto down = server.client().request(Method::kPatch, url(p.admin.id),
                                                           test::bearer_json(p.admin.token),
                                                           R"({"role":"platform_reviewer"})");
                 CHECK(down.status == 200);
                 const auto rows = test::audit_rows(server, "operator.updated");
                 REQUIRE(rows.size() == 2);
                 CHECK(rows[1].after["role"] == "platform_reviewer");
                 // Now a reviewer, the former admin lost platform:operators at once.
                 CHECK(
                     server.client().get("/api/v1/platform/operators", test::bearer(p.admin.token)).status ==
                     403);
               }},
          {.name = "disabling signs the operator out and stops sign-in",
           .method = Method::kPatch,
           .url = url(p.reviewer.id),
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"status":"disabled"})",
           .expected = {R"("status":"disabled")"},
           .audit = {"operator.updated"},
           .check =
               [&](const http::ClientResponse&) {
                 CHECK(status_of_me(server, p.reviewer.token) == 401);
                 CHECK(test::sign_in(server, "reviewer@example.com", "Correct-Horse-9").json()["code"] ==
                       "auth.account_disabled");
               }},
          {.name = "removing an operator keeps the account",
           .method = Method::kDelete,
           .url = url(p.reviewer.id),
           .headers = test::bearer(p.admin.token),
           .expected_status = 204,
           .audit = {"operator.removed"},
           .check =
               [&](const http::ClientResponse&) {
                 const auto me = server.client().get("/api/v1/me", test::bearer(p.reviewer.token)).json();
                 CHECK(me["platformRole"].is_null());
                 CHECK(test::audit_rows(server, "operator.removed").size() == 1);
               }},
      });
}

TEST_CASE("an operator resets a user's password to a temporary one", "[api][auth]") {
  test::TestServer server;
  const auto p = make_platform(server);
  const auto url = "/api/v1/platform/users/" + p.member.id + "/reset-password";
  test::run_scenarios(
      server,
      {
          {.name = "the user themself",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer(p.member.token),
           .expected_status = 403},
          {.name = "unknown user",
           .method = Method::kPost,
           .url = "/api/v1/platform/users/usr_nobody/reset-password",
           .headers = test::bearer(p.admin.token),
           .expected_status = 404,
           .expected = {R"("code":"users.not_found")"}},
          {.name = "unknown field",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(p.admin.token),
           .body = R"({"password":"Mine-Horse-9"})",
           .expected_status = 400},
          {.name = "success",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer(p.admin.token),
           .expected = {R"("temporaryPassword":")", R"("mustChangePassword":true)"},
           .audit = {"user.password_reset"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto temporary = r.json()["temporaryPassword"].get<std::string>();
                 CHECK(status_of_me(server, p.member.token) == 401);
                 CHECK(test::sign_in(server, "owner@example.com", "Correct-Horse-9").status == 401);
                 const auto login = test::sign_in(server, "owner@example.com", temporary);
                 REQUIRE(login.status == 200);
                 const auto token = login.json()["accessToken"].get<std::string>();
                 CHECK(server.client().get("/api/v1/me", test::bearer(token)).json()["restriction"] ==
                       "auth.password_change_required");
                 REQUIRE(server.client()
                             .post_json("/api/v1/auth/password",
                                        {{"currentPassword", temporary}, {"newPassword", "Owner-Horse-10"}},
                                        test::bearer(token))
                             .status == 204);
                 CHECK(
                     server.client().get("/api/v1/me", test::bearer(token)).json()["restriction"].is_null());
                 const auto rows = test::audit_rows(server, "user.password_reset");
                 REQUIRE(rows.size() == 1);
                 CHECK(rows[0].target_id == p.member.id);
                 CHECK_THAT(test::audit_dump(server), !Catch::Contains(temporary));
               }},
      });
}
