// Organisation members through the API: listing, direct creation, role changes, removal and
// password resets, with the owner rules and tenant isolation.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "core/password.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

nlohmann::json new_member(const std::string& email, const std::string& role) {
  return {{"email", email}, {"name", "New Person"}, {"role", role}, {"initialPassword", "Initial-Pass-123"}};
}

}  // namespace

TEST_CASE("members are listed per organisation", "[api][orgs][members]") {
  test::World w = test::given() | test::org("A").everyone() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto url = "/api/v1/orgs/" + a.id + "/members";
  test::run_scenarios(
      w.server, {
                    {.name = "a viewer sees every member and no secrets",
                     .url = url,
                     .headers = test::bearer(a.viewer().token),
                     .expected = {"owner@a.example", "admin@a.example", "dev@a.example", "viewer@a.example",
                                  R"("nextCursor":null)"},
                     .not_expected = {"owner@b.example", "scrypt", "password_hash"},
                     .check = [](const http::ClientResponse& r) { CHECK(r.json()["items"].size() == 4); }},
                    {.name = "filtered by role",
                     .url = url + "?role=owner",
                     .headers = test::bearer(a.viewer().token),
                     .check =
                         [&](const http::ClientResponse& r) {
                           REQUIRE(r.json()["items"].size() == 1);
                           CHECK(r.json()["items"][0]["userId"] == a.owner().id);
                         }},
                    {.name = "paged",
                     .url = url + "?limit=3",
                     .headers = test::bearer(a.viewer().token),
                     .check =
                         [&](const http::ClientResponse& r) {
                           CHECK(r.json()["items"].size() == 3);
                           const auto next = w.call(Method::kGet,
                                                    fmt::format("{}?limit=3&cursor={}", url,
                                                                r.json()["nextCursor"].get<std::string>()),
                                                    a.viewer().token);
                           CHECK(next.json()["items"].size() == 1);
                         }},
                    {.name = "an unknown role filter",
                     .url = url + "?role=boss",
                     .headers = test::bearer(a.viewer().token),
                     .expected_status = 400,
                     .expected = {R"("role":)"}},
                    {.name = "one member",
                     .url = url + "/" + a.developer().id,
                     .headers = test::bearer(a.viewer().token),
                     .expected = {R"("role":"developer")", "dev@a.example"}},
                    {.name = "a member of another organisation is not found here",
                     .url = url + "/" + b.owner().id,
                     .headers = test::bearer(a.owner().token),
                     .expected_status = 404,
                     .expected = {R"("code":"members.not_found")"}},
                });
}

TEST_CASE("administrators add members with an initial password", "[api][orgs][members]") {
  test::World w = test::given() | test::org("A").everyone() | test::org("B").owner();
  auto& a = w.org("A");
  const auto url = "/api/v1/orgs/" + a.id + "/members";
  test::run_scenarios(
      w.server,
      {
          {.name = "bad fields",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = R"({"email":"nope","role":"superuser","name":"","colour":"blue"})",
           .expected_status = 400,
           .expected = {R"("email":)", R"("role":{"code":"invalid")", R"("name":{"code":"required")",
                        R"("initialPassword":{"code":"required")", R"("colour":{"code":"unknown_field")"}},
          {.name = "a weak initial password",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body =
               [] {
                 auto b = new_member("n@a.example", "viewer");
                 b["initialPassword"] = "abcdefghijkl";
                 return b.dump();
               }(),
           .expected_status = 400,
           .expected = {R"("initialPassword":{"code":"too_weak")"}},
          {.name = "an existing account must be invited",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = new_member("owner@b.example", "viewer").dump(),
           .expected_status = 409,
           .expected = {R"("code":"members.account_exists")"}},
          {.name = "an admin cannot create an owner",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = new_member("n@a.example", "owner").dump(),
           .expected_status = 403,
           .expected = {R"("code":"members.owner_required")"}},
          {.name = "an owner can create an owner",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.owner().token),
           .body = new_member("n@a.example", "owner").dump(),
           .expected_status = 201,
           .expected = {R"("role":"owner")"},
           .events = {"member.added"},
           .audit = {"member.created"}},
          {.name = "success: the new member must change the password first",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.admin().token),
           .body = new_member("New@A.example", "developer").dump(),
           .expected_status = 201,
           .expected = {R"("email":"new@a.example")", R"("role":"developer")",
                        R"("mustChangePassword":true)"},
           .not_expected = {"Initial-Pass-123"},
           .events = {"member.added"},
           .audit = {"member.created"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto id = r.json()["userId"].get<std::string>();
                 CHECK(w.audit_count("member.created", id) == 1);
                 CHECK(w.event_count("member.added") == 1);
                 const auto token = test::access_token_for(w.server, id);
                 const auto blocked = w.call(Method::kGet, "/api/v1/orgs/" + a.id, token);
                 CHECK(blocked.status == 403);
                 CHECK(blocked.json()["code"] == "auth.password_change_required");
               }},
      });
}

TEST_CASE("only owners touch the owner role, and the last owner stays", "[api][orgs][members]") {
  test::World w = test::given() | test::org("A").everyone() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto member_url = [&](const std::string& user_id) {
    return "/api/v1/orgs/" + a.id + "/members/" + user_id;
  };
  const auto set_role = [&](const std::string& token, const std::string& user_id, const std::string& role) {
    return w.call(Method::kPatch, member_url(user_id), token, {{"role", role}});
  };

  CHECK(set_role(a.admin().token, a.viewer().id, "chief").status == 400);
  CHECK(w.call(Method::kPatch, "/api/v1/orgs/" + a.id + "/members/" + b.owner().id, a.owner().token,
               {{"role", "viewer"}})
            .status == 404);

  auto r = set_role(a.admin().token, a.viewer().id, "developer");
  REQUIRE(r.status == 200);
  CHECK(r.json()["role"] == "developer");
  CHECK(w.audit_count("member.role_changed", a.viewer().id) == 1);

  r = set_role(a.admin().token, a.owner().id, "admin");
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "members.owner_required");
  CHECK(set_role(a.admin().token, a.developer().id, "owner").status == 403);

  r = set_role(a.owner().token, a.owner().id, "admin");
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "members.last_owner");
  r = w.call(Method::kDelete, member_url(a.owner().id), a.owner().token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "members.last_owner");

  // With a second owner, the first may step down.
  REQUIRE(set_role(a.owner().token, a.admin().id, "owner").status == 200);
  CHECK(set_role(a.owner().token, a.owner().id, "viewer").status == 200);
  CHECK(w.call(Method::kDelete, member_url(a.admin().id), a.admin().token).json()["code"] ==
        "members.last_owner");

  // Removal: the member loses access at once.
  CHECK(w.call(Method::kDelete, member_url("usr_nobody"), a.admin().token).status == 404);
  CHECK(w.call(Method::kDelete, member_url(a.developer().id), a.admin().token).status == 204);
  CHECK(w.audit_count("member.removed", a.developer().id) == 1);
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id, a.developer().token).status == 404);
}

TEST_CASE("administrators reset a member's password", "[api][orgs][members]") {
  test::World w = test::given() | test::org("A").everyone() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto reset = [&](const std::string& token, const std::string& user_id) {
    return w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/members/" + user_id + "/reset-password", token);
  };
  CHECK(reset(a.owner().token, b.owner().id).status == 404);
  CHECK(reset(a.admin().token, a.owner().id).json()["code"] == "members.owner_required");

  auto r = reset(a.admin().token, a.developer().id);
  REQUIRE(r.status == 200);
  const auto temporary = r.json()["temporaryPassword"].get<std::string>();
  CHECK(temporary.size() >= 16);
  CHECK(r.json()["mustChangePassword"] == true);
  // The old sessions end; the temporary password works; it must be changed first.
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id, a.developer().token).status == 401);
  const auto [hash, must_change] = w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT password_hash, must_change_password FROM users WHERE id = ?");
    st.bind(1, a.developer().id);
    st.executeStep();
    return std::pair{st.getColumn(0).getString(), st.getColumn(1).getInt()};
  });
  CHECK(core::password::verify(temporary, hash));
  CHECK(must_change == 1);
  CHECK(w.audit_count("member.password_reset", a.developer().id) == 1);
  const auto leaked = w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT count(*) FROM audit_log WHERE after_json LIKE ?");
    st.bind(1, "%" + temporary + "%");
    st.executeStep();
    return st.getColumn(0).getInt();
  });
  CHECK(leaked == 0);

  CHECK(reset(a.owner().token, a.admin().id).status == 200);

  // An account that also belongs elsewhere is not this organisation's to take over.
  test::add_member(w.server, b.id, a.viewer().id, "owner");
  r = reset(a.owner().token, a.viewer().id);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "members.reset_not_allowed");
}
