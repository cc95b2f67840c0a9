// Organisation members through the API: listing, direct creation, role changes, removal and
// password resets, with the owner rules and tenant isolation.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_org_world.hpp"
#include "core/password.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

nlohmann::json new_member(const std::string& email, const std::string& role) {
  return {{"email", email}, {"name", "New Person"}, {"role", role}, {"initialPassword", "Initial-Pass-123"}};
}

}  // namespace

TEST_CASE("members are listed per organisation", "[api][orgs][members]") {
  test::OrgWorld w;
  const auto url = "/api/v1/orgs/" + w.org_a + "/members";
  test::run_scenarios(
      w.server, {
                    {.name = "anonymous", .url = url, .expected_status = 401},
                    {.name = "another organisation's owner gets 404",
                     .url = url,
                     .headers = test::bearer(w.other_owner.token),
                     .expected_status = 404},
                    {.name = "a viewer sees every member and no secrets",
                     .url = url,
                     .headers = test::bearer(w.viewer.token),
                     .expected = {"owner@a.example", "admin@a.example", "dev@a.example", "viewer@a.example",
                                  R"("nextCursor":null)"},
                     .not_expected = {"owner@b.example", "scrypt", "password_hash"},
                     .check = [](const http::ClientResponse& r) { CHECK(r.json()["items"].size() == 4); }},
                    {.name = "filtered by role",
                     .url = url + "?role=owner",
                     .headers = test::bearer(w.viewer.token),
                     .check =
                         [&](const http::ClientResponse& r) {
                           REQUIRE(r.json()["items"].size() == 1);
                           CHECK(r.json()["items"][0]["userId"] == w.owner.id);
                         }},
                    {.name = "paged",
                     .url = url + "?limit=3",
                     .headers = test::bearer(w.viewer.token),
                     .check =
                         [&](const http::ClientResponse& r) {
                           CHECK(r.json()["items"].size() == 3);
                           const auto next = w.call(Method::kGet,
                                                    fmt::format("{}?limit=3&cursor={}", url,
                                                                r.json()["nextCursor"].get<std::string>()),
                                                    w.viewer.token);
                           CHECK(next.json()["items"].size() == 1);
                         }},
                    {.name = "an unknown role filter",
                     .url = url + "?role=boss",
                     .headers = test::bearer(w.viewer.token),
                     .expected_status = 400,
                     .expected = {R"("role":)"}},
                    {.name = "one member",
                     .url = url + "/" + w.developer.id,
                     .headers = test::bearer(w.viewer.token),
                     .expected = {R"("role":"developer")", "dev@a.example"}},
                    {.name = "a member of another organisation is not found here",
                     .url = url + "/" + w.other_owner.id,
                     .headers = test::bearer(w.owner.token),
                     .expected_status = 404,
                     .expected = {R"("code":"members.not_found")"}},
                });
}

TEST_CASE("administrators add members with an initial password", "[api][orgs][members]") {
  test::OrgWorld w;
  const auto url = "/api/v1/orgs/" + w.org_a + "/members";
  test::run_scenarios(
      w.server,
      {
          {.name = "anonymous",
           .method = Method::kPost,
           .url = url,
           .headers = test::json_only(),
           .body = new_member("n@a.example", "viewer").dump(),
           .expected_status = 401},
          {.name = "a developer may not",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.developer.token),
           .body = new_member("n@a.example", "viewer").dump(),
           .expected_status = 403},
          {.name = "another organisation's owner gets 404",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.other_owner.token),
           .body = new_member("n@a.example", "viewer").dump(),
           .expected_status = 404},
          {.name = "bad fields",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.admin.token),
           .body = R"({"email":"nope","role":"superuser","name":"","colour":"blue"})",
           .expected_status = 400,
           .expected = {R"("email":)", R"("role":{"code":"invalid")", R"("name":{"code":"required")",
                        R"("initialPassword":{"code":"required")", R"("colour":{"code":"unknown_field")"}},
          {.name = "a weak initial password",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.admin.token),
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
           .headers = test::bearer_json(w.admin.token),
           .body = new_member("owner@b.example", "viewer").dump(),
           .expected_status = 409,
           .expected = {R"("code":"members.account_exists")"}},
          {.name = "an admin cannot create an owner",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.admin.token),
           .body = new_member("n@a.example", "owner").dump(),
           .expected_status = 403,
           .expected = {R"("code":"members.owner_required")"}},
          {.name = "an owner can create an owner",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = new_member("n@a.example", "owner").dump(),
           .expected_status = 201,
           .expected = {R"("role":"owner")"}},
          {.name = "success: the new member must change the password first",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.admin.token),
           .body = new_member("New@A.example", "developer").dump(),
           .expected_status = 201,
           .expected = {R"("email":"new@a.example")", R"("role":"developer")",
                        R"("mustChangePassword":true)"},
           .not_expected = {"Initial-Pass-123"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto id = r.json()["userId"].get<std::string>();
                 CHECK(w.audit_count("member.created", id) == 1);
                 CHECK(w.event_count("member.added") == 1);
                 const auto token = test::access_token_for(w.server, id);
                 const auto blocked = w.call(Method::kGet, "/api/v1/orgs/" + w.org_a, token);
                 CHECK(blocked.status == 403);
                 CHECK(blocked.json()["code"] == "auth.password_change_required");
               }},
      });
}

TEST_CASE("only owners touch the owner role, and the last owner stays", "[api][orgs][members]") {
  test::OrgWorld w;
  const auto member_url = [&](const std::string& user_id) {
    return "/api/v1/orgs/" + w.org_a + "/members/" + user_id;
  };
  const auto set_role = [&](const std::string& token, const std::string& user_id, const std::string& role) {
    return w.call(Method::kPatch, member_url(user_id), token, {{"role", role}});
  };

  CHECK(w.call(Method::kPatch, member_url(w.viewer.id), "", {{"role", "developer"}}).status == 401);
  CHECK(set_role(w.developer.token, w.viewer.id, "developer").status == 403);
  CHECK(set_role(w.other_owner.token, w.viewer.id, "developer").status == 404);
  CHECK(set_role(w.admin.token, w.viewer.id, "chief").status == 400);
  CHECK(w.call(Method::kPatch, "/api/v1/orgs/" + w.org_a + "/members/" + w.other_owner.id, w.owner.token,
               {{"role", "viewer"}})
            .status == 404);

  auto r = set_role(w.admin.token, w.viewer.id, "developer");
  REQUIRE(r.status == 200);
  CHECK(r.json()["role"] == "developer");
  CHECK(w.audit_count("member.role_changed", w.viewer.id) == 1);

  r = set_role(w.admin.token, w.owner.id, "admin");
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "members.owner_required");
  CHECK(set_role(w.admin.token, w.developer.id, "owner").status == 403);

  r = set_role(w.owner.token, w.owner.id, "admin");
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "members.last_owner");
  r = w.call(Method::kDelete, member_url(w.owner.id), w.owner.token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "members.last_owner");

  // With a second owner, the first may step down.
  REQUIRE(set_role(w.owner.token, w.admin.id, "owner").status == 200);
  CHECK(set_role(w.owner.token, w.owner.id, "viewer").status == 200);
  CHECK(w.call(Method::kDelete, member_url(w.admin.id), w.admin.token).json()["code"] ==
        "members.last_owner");

  // Removal: the member loses access at once.
  CHECK(w.call(Method::kDelete, member_url(w.developer.id), "").status == 401);
  CHECK(w.call(Method::kDelete, member_url(w.developer.id), w.viewer.token).status == 403);
  CHECK(w.call(Method::kDelete, member_url(w.developer.id), w.other_owner.token).status == 404);
  CHECK(w.call(Method::kDelete, member_url("usr_nobody"), w.admin.token).status == 404);
  CHECK(w.call(Method::kDelete, member_url(w.developer.id), w.admin.token).status == 204);
  CHECK(w.audit_count("member.removed", w.developer.id) == 1);
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + w.org_a, w.developer.token).status == 404);
}

TEST_CASE("administrators reset a member's password", "[api][orgs][members]") {
  test::OrgWorld w;
  const auto reset = [&](const std::string& token, const std::string& user_id) {
    return w.call(Method::kPost, "/api/v1/orgs/" + w.org_a + "/members/" + user_id + "/reset-password",
                  token);
  };
  CHECK(reset("", w.developer.id).status == 401);
  CHECK(reset(w.viewer.token, w.developer.id).status == 403);
  CHECK(reset(w.other_owner.token, w.developer.id).status == 404);
  CHECK(reset(w.owner.token, w.other_owner.id).status == 404);
  CHECK(reset(w.admin.token, w.owner.id).json()["code"] == "members.owner_required");

  auto r = reset(w.admin.token, w.developer.id);
  REQUIRE(r.status == 200);
  const auto temporary = r.json()["temporaryPassword"].get<std::string>();
  CHECK(temporary.size() >= 16);
  CHECK(r.json()["mustChangePassword"] == true);
  // The old sessions end; the temporary password works; it must be changed first.
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + w.org_a, w.developer.token).status == 401);
  const auto [hash, must_change] = w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT password_hash, must_change_password FROM users WHERE id = ?");
    st.bind(1, w.developer.id);
    st.executeStep();
    return std::pair{st.getColumn(0).getString(), st.getColumn(1).getInt()};
  });
  CHECK(core::password::verify(temporary, hash));
  CHECK(must_change == 1);
  CHECK(w.audit_count("member.password_reset", w.developer.id) == 1);
  const auto leaked = w.server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare("SELECT count(*) FROM audit_log WHERE after_json LIKE ?");
    st.bind(1, "%" + temporary + "%");
    st.executeStep();
    return st.getColumn(0).getInt();
  });
  CHECK(leaked == 0);

  CHECK(reset(w.owner.token, w.admin.id).status == 200);

  // An account that also belongs elsewhere is not this organisation's to take over.
  test::add_member(w.server, w.org_b, w.viewer.id, "owner");
  r = reset(w.owner.token, w.viewer.id);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "members.reset_not_allowed");
}
