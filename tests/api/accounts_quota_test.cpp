// Per-organisation quota overrides and the quota.exceeded error members and invitations hit.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

TEST_CASE("operators override an organisation's quotas", "[api][orgs][quotas]") {
  test::World w = test::given() | test::org("A").viewer() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto url = "/api/v1/platform/orgs/" + a.id + "/quotas";
  test::run_scenarios(
      w.server,
      {
          {.name = "an unknown organisation",
           .url = "/api/v1/platform/orgs/org_unknown/quotas",
           .headers = test::bearer(w.platform_admin().token),
           .expected_status = 404,
           .expected = {R"("code":"orgs.not_found")"}},
          {.name = "no overrides yet: the defaults apply",
           .url = url,
           .headers = test::bearer(w.platform_admin().token),
           .check =
               [](const http::ClientResponse& r) {
                 const auto j = r.json();
                 CHECK(j["overrides"]["maxMembers"].is_null());
                 CHECK(j["effective"] == j["defaults"]);
               }},
          {.name = "bad values",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"maxMembers":0,"maxApps":-1,"maxWidgets":3})",
           .expected_status = 400,
           .expected = {R"("maxMembers":{"code":"out_of_range")", R"("maxApps":{"code":"out_of_range")",
                        R"("maxWidgets":{"code":"unknown_field")"}},
          {.name = "set, replace and clear",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"maxMembers":5,"maxApps":null,"maxPackageBytes":10485760})",
           .events = {"org.quotas_updated"},
           .audit = {"org.quotas_updated"},
           .check =
               [&](const http::ClientResponse& r) {
                 auto j = r.json();
                 CHECK(j["overrides"]["maxMembers"] == 5);
                 CHECK(j["overrides"]["maxApps"].is_null());
                 CHECK(j["effective"]["maxMembers"] == 5);
                 CHECK(j["effective"]["maxPackageBytes"] == 10485760);
                 CHECK(j["effective"]["maxApps"] == j["defaults"]["maxApps"]);
                 CHECK(w.audit_count("org.quotas_updated", a.id) == 1);
                 // Members see the effective limits; other organisations keep the defaults.
                 CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id, a.viewer().token)
                           .json()["quotas"]["maxMembers"] == 5);
                 CHECK(w.call(Method::kGet, "/api/v1/orgs/" + b.id, b.owner().token)
                           .json()["quotas"]["maxMembers"] == 100);
                 // A PUT replaces the whole document: what is left out returns to the default.
                 j = w.call(Method::kPut, url, w.platform_admin().token, {{"maxApps", 7}}).json();
                 CHECK(j["overrides"]["maxMembers"].is_null());
                 CHECK(j["overrides"]["maxApps"] == 7);
                 CHECK(j["effective"]["maxMembers"] == 100);
               }},
      });
}

TEST_CASE("the member quota stops new members and invitations", "[api][orgs][quotas]") {
  test::World w = test::given() | test::org("A").everyone() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto members = "/api/v1/orgs/" + a.id + "/members";
  const auto invitations = "/api/v1/orgs/" + a.id + "/invitations";
  // An invitation sent while there was room…
  const auto pending =
      w.call(Method::kPost, invitations, a.admin().token, {{"email", "later@c.example"}, {"role", "viewer"}});
  REQUIRE(pending.status == 201);
  const auto link = pending.json()["inviteUrl"].get<std::string>();
  const auto token = link.substr(link.rfind('/') + 1);

  REQUIRE(w.call(Method::kPut, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token,
                 {{"maxMembers", 4}})
              .status == 200);

  auto r = w.call(Method::kPost, members, a.admin().token,
                  {{"email", "fifth@a.example"},
                   {"name", "Fifth"},
                   {"role", "viewer"},
                   {"initialPassword", "Initial-Pass-123"}});
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "quota.exceeded");
  CHECK(r.json()["details"]["quota"] == "maxMembers");
  CHECK(r.json()["details"]["limit"] == 4);
  CHECK(r.json()["details"]["current"] == 4);
  CHECK(test::user_id_of(w, "fifth@a.example").empty());

  r = w.call(Method::kPost, invitations, a.admin().token, {{"email", "sixth@c.example"}, {"role", "viewer"}});
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "quota.exceeded");

  // …cannot be used to slip past the limit either.
  r = w.call(Method::kPost, "/api/v1/invitations/" + token + "/accept", "",
             {{"name", "Later"}, {"password", "Joining-Now-2024"}});
  CHECK(r.status == 403);
  CHECK(r.json()["details"]["limit"] == 4);
  CHECK(test::user_id_of(w, "later@c.example").empty());

  // Removing a member makes room again.
  REQUIRE(w.call(Method::kDelete, members + "/" + a.viewer().id, a.admin().token).status == 204);
  r = w.call(Method::kPost, "/api/v1/invitations/" + token + "/accept", "",
             {{"name", "Later"}, {"password", "Joining-Now-2024"}});
  CHECK(r.status == 200);

  // Organisation B has its own count and the default limit.
  CHECK(w.call(Method::kPost, "/api/v1/orgs/" + b.id + "/invitations", b.owner().token,
               {{"email", "b2@c.example"}, {"role", "viewer"}})
            .status == 201);
}
