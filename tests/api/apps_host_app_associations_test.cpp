// Host app ↔ mini-program associations and their custom API/menu grants: tenant isolation (an
// organisation reaches only its own mini-programs), the grants-subset rule, idempotent upserts,
// operators' cross-organisation associations and who may remove them.
#include <catch2/catch.hpp>

#include "api/apps_host_apps_world.hpp"

using namespace cove;
using namespace cove::test::host_apps;
using test::Scenario;

namespace {

struct AssociationWorld : HostAppWorld {
  AssociationWorld() {
    host_app = create_host_app(owner, {{"name", "Wallet"},
                                       {"customApis", {{{"name", "getUserWallet"}}, {{"name", "pay"}}}},
                                       {"menus", {{{"id", "share"}, {"title", "Share"}}}}})["id"]
                   .get<std::string>();
    app_a = create_app(owner, org_a, "Mini A");
    app_b = create_app(other_owner, org_b, "Mini B");
  }
  std::string url(const std::string& app) const { return host_app_url(host_app) + "/apps/" + app; }
  std::string platform_url(const std::string& app) const {
    return "/api/v1/platform/host-apps/" + host_app + "/apps/" + app;
  }

  std::string host_app, app_a, app_b;
};

}  // namespace

TEST_CASE("associating: who may, which mini-programs, which grants", "[api][host_apps]") {
  // Each row runs against a fresh world (Catch2 re-runs the test case per section).
  AssociationWorld w;
  const auto put = [&](std::string name, const test::TestUser& as, const std::string& app, std::string body,
                       int status, std::vector<std::string> expected = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPut,
                    .url = w.url(app),
                    .headers = test::bearer_json(as.token),
                    .body = std::move(body),
                    .expected_status = status,
                    .expected = std::move(expected)};
  };
  const std::string grants = R"({"allowedApis":["getUserWallet"],"allowedMenus":["share"]})";
  test::run_scenarios(
      w.server,
      {
          {.name = "anonymous", .method = Method::kPut, .url = w.url(w.app_a), .expected_status = 401},
          put("a viewer may not associate", w.viewer, w.app_a, grants, 403),
          put("another organisation's owner cannot reach the host app", w.other_owner, w.app_b, grants, 404),
          put("another organisation's mini-program is not found", w.owner, w.app_b, grants, 404,
              {R"("code":"apps.not_found")"}),
          put("an unknown mini-program is not found the same way", w.owner, "app_nope", grants, 404,
              {R"("code":"apps.not_found")"}),
          put("an operator cannot associate through the organisation's route", w.operator_admin, w.app_a,
              grants, 404),
          put("grants must be defined by the host app", w.owner, w.app_a,
              R"({"allowedApis":["getUserWallet","transfer"],"allowedMenus":["exit"]})", 400,
              {R"("allowedApis[1]":{"code":"not_defined")", R"("allowedMenus[0]":{"code":"not_defined")"}),
          put("grants are listed once each", w.owner, w.app_a, R"({"allowedApis":["pay","pay"]})", 400,
              {R"("allowedApis[1]":{"code":"duplicate")"}),
          put("grants are arrays of names", w.owner, w.app_a, R"({"allowedApis":"pay"})", 400,
              {R"("allowedApis":{"code":"invalid_type")"}),
          put("unknown fields are refused", w.owner, w.app_a, R"({"allowedApi":["pay"]})", 400,
              {R"("allowedApi":{"code":"unknown_field")"}),
          {.name = "a developer associates with grants",
           .method = Method::kPut,
           .url = w.url(w.app_a),
           .headers = test::bearer_json(w.developer.token),
           .body = grants,
           .check =
               [&](const http::ClientResponse& r) {
                 const auto j = r.json();
                 CHECK(j["appId"] == w.app_a);
                 CHECK(j["appName"] == "Mini A");
                 CHECK(j["crossOrg"] == false);
                 CHECK(j["allowedApis"] == nlohmann::json::array({"getUserWallet"}));
                 CHECK(j["allowedMenus"] == nlohmann::json::array({"share"}));
                 CHECK(w.audit_count("association.created", w.host_app) == 1);
                 CHECK(w.event_count("association.changed") == 1);
                 const auto catalog = w.catalog();
                 REQUIRE(catalog.at(0).associations.size() == 1);
                 CHECK(catalog[0].associations[0].allowed_menus == std::vector<std::string>{"share"});
               }},
          {.name = "no body associates with no grants",
           .method = Method::kPut,
           .url = w.url(w.app_a),
           .headers = test::bearer(w.owner.token),
           .expected = {R"("allowedApis":[])", R"("allowedMenus":[])"}},
          {.name = "another organisation's owner cannot list the associations",
           .url = w.host_app_url(w.host_app) + "/apps",
           .headers = test::bearer(w.other_owner.token),
           .expected_status = 404},
          {.name = "a viewer may not dissociate",
           .method = Method::kDelete,
           .url = w.url(w.app_a),
           .headers = test::bearer(w.viewer.token),
           .expected_status = 403},
          {.name = "dissociating what is not associated",
           .method = Method::kDelete,
           .url = w.url(w.app_a),
           .headers = test::bearer(w.developer.token),
           .expected_status = 404,
           .expected = {R"("code":"host_apps.not_associated")"}},
      });
}

TEST_CASE("associations are idempotent upserts, listed with their grants, and removable",
          "[api][host_apps]") {
  AssociationWorld w;
  const nlohmann::json grants = {{"allowedApis", {"getUserWallet"}}, {"allowedMenus", {"share"}}};
  auto r = w.call(Method::kPut, w.url(w.app_a), w.developer.token, grants);
  REQUIRE(r.status == 200);
  const auto first = r.json();

  // The same request again changes nothing and records nothing.
  r = w.call(Method::kPut, w.url(w.app_a), w.developer.token, grants);
  REQUIRE(r.status == 200);
  CHECK(r.json() == first);
  CHECK(w.audit_count("association.created", w.host_app) == 1);
  CHECK(w.audit_count("association.updated", w.host_app) == 0);
  CHECK(w.event_count("association.changed") == 1);

  // New grants replace the old ones; no body clears them.
  r = w.call(Method::kPut, w.url(w.app_a), w.owner.token, {{"allowedApis", {"pay", "getUserWallet"}}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["allowedApis"] == nlohmann::json::array({"pay", "getUserWallet"}));
  CHECK(r.json()["allowedMenus"] == nlohmann::json::array());
  CHECK(r.json()["createdAt"] == first["createdAt"]);
  CHECK(w.audit_count("association.updated", w.host_app) == 1);

  const auto app_c = w.create_app(w.owner, w.org_a, "Mini C");
  REQUIRE(w.call(Method::kPut, w.url(app_c), w.owner.token).status == 200);
  auto page = w.call(Method::kGet, w.host_app_url(w.host_app) + "/apps?limit=1", w.viewer.token).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["appId"] == app_c);  // newest first
  CHECK(page["items"][0]["allowedApis"] == nlohmann::json::array());
  REQUIRE(page["nextCursor"].is_string());
  page = w.call(Method::kGet,
                w.host_app_url(w.host_app) + "/apps?limit=1&cursor=" + page["nextCursor"].get<std::string>(),
                w.viewer.token)
             .json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["appId"] == w.app_a);
  CHECK(page["items"][0]["allowedApis"] == nlohmann::json::array({"pay", "getUserWallet"}));
  CHECK(page["nextCursor"].is_null());

  REQUIRE(w.call(Method::kDelete, w.url(w.app_a), w.developer.token).status == 204);
  CHECK(w.audit_count("association.deleted", w.host_app) == 1);
  const auto catalog = w.catalog();
  REQUIRE(catalog.at(0).associations.size() == 1);
  CHECK(catalog[0].associations[0].app_id == app_c);
  r = w.call(Method::kDelete, w.url(w.app_a), w.developer.token);
  CHECK(r.status == 404);
  CHECK(r.json()["code"] == "host_apps.not_associated");
  // created, updated, created (C), deleted
  CHECK(w.event_count("association.changed") == 4);

  // Deleting a mini-program removes its associations with it.
  REQUIRE(w.call(Method::kDelete, "/api/v1/apps/" + app_c, w.owner.token).status == 204);
  CHECK(w.call(Method::kGet, w.host_app_url(w.host_app) + "/apps", w.viewer.token).json()["items"].empty());
}

TEST_CASE("operators' association routes: who may call them and what they check", "[api][host_apps]") {
  AssociationWorld w;
  const std::string grants = R"({"allowedApis":["pay"]})";
  test::run_scenarios(
      w.server, {
                    {.name = "anonymous",
                     .method = Method::kPut,
                     .url = w.platform_url(w.app_b),
                     .expected_status = 401},
                    {.name = "an organisation owner may not use the operators' route",
                     .method = Method::kPut,
                     .url = w.platform_url(w.app_b),
                     .headers = test::bearer_json(w.owner.token),
                     .body = grants,
                     .expected_status = 403},
                    {.name = "a reviewer lacks platform:orgs",
                     .method = Method::kPut,
                     .url = w.platform_url(w.app_b),
                     .headers = test::bearer_json(w.reviewer.token),
                     .body = grants,
                     .expected_status = 403},
                    {.name = "an unknown host app",
                     .method = Method::kPut,
                     .url = "/api/v1/platform/host-apps/hst_nope/apps/" + w.app_b,
                     .headers = test::bearer_json(w.operator_admin.token),
                     .expected_status = 404,
                     .expected = {R"("code":"host_apps.not_found")"}},
                    {.name = "an unknown mini-program",
                     .method = Method::kPut,
                     .url = w.platform_url("app_nope"),
                     .headers = test::bearer_json(w.operator_admin.token),
                     .expected_status = 404,
                     .expected = {R"("code":"apps.not_found")"}},
                    {.name = "grants are checked against the host app here too",
                     .method = Method::kPut,
                     .url = w.platform_url(w.app_b),
                     .headers = test::bearer_json(w.operator_admin.token),
                     .body = R"({"allowedMenus":["exit"]})",
                     .expected_status = 400,
                     .expected = {R"("allowedMenus[0]":{"code":"not_defined")"}},
                    {.name = "an operator associates org B's mini-program with org A's host app",
                     .method = Method::kPut,
                     .url = w.platform_url(w.app_b),
                     .headers = test::bearer_json(w.operator_admin.token),
                     .body = grants,
                     .check =
                         [&](const http::ClientResponse& r) {
                           const auto j = r.json();
                           CHECK(j["crossOrg"] == true);
                           CHECK(j["appOrgId"] == w.org_b);
                           // It is in org A's operation log, and the runtime view sees it.
                           CHECK(w.audit_count("association.created", w.host_app) == 1);
                           const auto catalog = w.catalog();
                           REQUIRE(catalog.at(0).associations.size() == 1);
                           CHECK(catalog[0].associations[0].app_id == w.app_b);
                           CHECK(catalog[0].associations[0].allowed_apis == std::vector<std::string>{"pay"});
                         }},
                    {.name = "an operator associates within one organisation too (not cross-org)",
                     .method = Method::kPut,
                     .url = w.platform_url(w.app_a),
                     .headers = test::bearer_json(w.operator_admin.token),
                     .expected = {R"("crossOrg":false)"}},
                    {.name = "nothing to dissociate",
                     .method = Method::kDelete,
                     .url = w.platform_url(w.app_a),
                     .headers = test::bearer(w.operator_admin.token),
                     .expected_status = 404,
                     .expected = {R"("code":"host_apps.not_associated")"}},
                });
}

TEST_CASE("a cross-organisation association: org A manages its grants and may remove it",
          "[api][host_apps]") {
  AssociationWorld w;
  auto r = w.call(Method::kPut, w.platform_url(w.app_b), w.operator_admin.token, {{"allowedApis", {"pay"}}});
  REQUIRE(r.status == 200);

  auto list = w.call(Method::kGet, w.host_app_url(w.host_app) + "/apps", w.viewer.token).json();
  REQUIRE(list["items"].size() == 1);
  CHECK(list["items"][0]["appId"] == w.app_b);
  CHECK(list["items"][0]["appOrgId"] == w.org_b);
  CHECK(list["items"][0]["crossOrg"] == true);

  // The host app's organisation sets the grants of its own host app…
  r = w.call(Method::kPut, w.url(w.app_b), w.owner.token,
             {{"allowedApis", {"getUserWallet"}}, {"allowedMenus", {"share"}}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["crossOrg"] == true);
  CHECK(r.json()["allowedMenus"] == nlohmann::json::array({"share"}));

  // …org B (the mini-program's owner) cannot reach org A's host app…
  CHECK(w.call(Method::kDelete, w.url(w.app_b), w.other_owner.token).status == 404);

  // …org A may always dissociate, but not re-create it: org B's mini-program is not its to associate.
  REQUIRE(w.call(Method::kDelete, w.url(w.app_b), w.owner.token).status == 204);
  r = w.call(Method::kPut, w.url(w.app_b), w.owner.token);
  CHECK(r.status == 404);
  CHECK(r.json()["code"] == "apps.not_found");

  // An operator can grant it again and remove it.
  REQUIRE(w.call(Method::kPut, w.platform_url(w.app_b), w.operator_admin.token).status == 200);
  REQUIRE(w.call(Method::kDelete, w.platform_url(w.app_b), w.operator_admin.token).status == 204);
  CHECK(w.audit_count("association.deleted", w.host_app) == 2);
  // created, updated, deleted, created, deleted
  CHECK(w.event_count("association.changed") == 5);
}
