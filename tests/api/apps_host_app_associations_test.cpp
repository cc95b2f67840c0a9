// Host app ↔ mini-program associations and their custom API/menu grants: tenant isolation (an
// organisation reaches only its own mini-programs), the grants-subset rule, idempotent upserts,
// operators' cross-organisation associations and who may remove them.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

// Org A's host app "Wallet", defining the custom APIs getUserWallet and pay and the menu "share".
void wallet(test::World& w) {
  auto& a = w.org("A");
  const auto j = test::create_host_app(w, a.owner(), a.id,
                                       {{"name", "Wallet"},
                                        {"customApis", {{{"name", "getUserWallet"}}, {{"name", "pay"}}}},
                                        {"menus", {{{"id", "share"}, {"title", "Share"}}}}});
  w.add_host_app({.name = "Wallet",
                  .id = j["id"].get<std::string>(),
                  .org_key = "A",
                  .sdk_key = j["sdkKey"].get<std::string>(),
                  .secret = j["sdkSecret"].get<std::string>(),
                  .bundle_id = test::kIosBundle["id"].get<std::string>()});
}

// Org A (a member of each role) with the host app, a mini-program in each organisation, operators.
test::Given associations() {
  return test::given() | test::org("A").everyone() | test::org("B").owner() | test::operators() | wallet |
         test::app("Mini A").in("A") | test::app("Mini B").in("B");
}

}  // namespace

TEST_CASE("associating: who may, which mini-programs, which grants", "[api][host_apps]") {
  // Each row runs against a fresh world (Catch2 re-runs the test case per section).
  test::World w = associations();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto host_app = w.host_app("Wallet").id;
  const auto app_a = w.app("Mini A").id;
  const auto app_b = w.app("Mini B").id;
  const auto url = [&](const std::string& app) { return test::host_app_url(host_app) + "/apps/" + app; };
  const auto put = [&](std::string name, const test::TestUser& as, const std::string& app, std::string body,
                       int status, std::vector<std::string> expected = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPut,
                    .url = url(app),
                    .headers = test::bearer_json(as.token),
                    .body = std::move(body),
                    .expected_status = status,
                    .expected = std::move(expected)};
  };
  const std::string grants = R"({"allowedApis":["getUserWallet"],"allowedMenus":["share"]})";
  test::run_scenarios(
      w.server,
      {
          put("another organisation's owner cannot reach the host app", b.owner(), app_b, grants, 404),
          put("another organisation's mini-program is not found", a.owner(), app_b, grants, 404,
              {R"("code":"apps.not_found")"}),
          put("an unknown mini-program is not found the same way", a.owner(), "app_nope", grants, 404,
              {R"("code":"apps.not_found")"}),
          put("grants must be defined by the host app", a.owner(), app_a,
              R"({"allowedApis":["getUserWallet","transfer"],"allowedMenus":["exit"]})", 400,
              {R"("allowedApis[1]":{"code":"not_defined")", R"("allowedMenus[0]":{"code":"not_defined")"}),
          put("grants are listed once each", a.owner(), app_a, R"({"allowedApis":["pay","pay"]})", 400,
              {R"("allowedApis[1]":{"code":"duplicate")"}),
          put("grants are arrays of names", a.owner(), app_a, R"({"allowedApis":"pay"})", 400,
              {R"("allowedApis":{"code":"invalid_type")"}),
          put("unknown fields are refused", a.owner(), app_a, R"({"allowedApi":["pay"]})", 400,
              {R"("allowedApi":{"code":"unknown_field")"}),
          {.name = "a developer associates with grants",
           .method = Method::kPut,
           .url = url(app_a),
           .headers = test::bearer_json(a.developer().token),
           .body = grants,
           .events = {"association.changed"},
           .audit = {"association.created"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto j = r.json();
                 CHECK(j["appId"] == app_a);
                 CHECK(j["appName"] == "Mini A");
                 CHECK(j["crossOrg"] == false);
                 CHECK(j["allowedApis"] == nlohmann::json::array({"getUserWallet"}));
                 CHECK(j["allowedMenus"] == nlohmann::json::array({"share"}));
                 CHECK(w.audit_count("association.created", host_app) == 1);
                 CHECK(w.event_count("association.changed") == 1);
                 const auto catalog = test::catalog(w);
                 REQUIRE(catalog.at(0).associations.size() == 1);
                 CHECK(catalog[0].associations[0].allowed_menus == std::vector<std::string>{"share"});
               }},
          {.name = "no body associates with no grants",
           .method = Method::kPut,
           .url = url(app_a),
           .headers = test::bearer(a.owner().token),
           .expected = {R"("allowedApis":[])", R"("allowedMenus":[])"},
           .events = {"association.changed"},
           .audit = {"association.created"}},
          {.name = "dissociating what is not associated",
           .method = Method::kDelete,
           .url = url(app_a),
           .headers = test::bearer(a.developer().token),
           .expected_status = 404,
           .expected = {R"("code":"host_apps.not_associated")"}},
      });
}

TEST_CASE("associations are idempotent upserts, listed with their grants, and removable",
          "[api][host_apps]") {
  test::World w = associations();
  auto& a = w.org("A");
  const auto host_app = w.host_app("Wallet").id;
  const auto app_a = w.app("Mini A").id;
  const auto url = [&](const std::string& app) { return test::host_app_url(host_app) + "/apps/" + app; };
  const nlohmann::json grants = {{"allowedApis", {"getUserWallet"}}, {"allowedMenus", {"share"}}};
  auto r = w.call(Method::kPut, url(app_a), a.developer().token, grants);
  REQUIRE(r.status == 200);
  const auto first = r.json();

  // The same request again changes nothing and records nothing.
  r = w.call(Method::kPut, url(app_a), a.developer().token, grants);
  REQUIRE(r.status == 200);
  CHECK(r.json() == first);
  CHECK(w.audit_count("association.created", host_app) == 1);
  CHECK(w.audit_count("association.updated", host_app) == 0);
  CHECK(w.event_count("association.changed") == 1);

  // New grants replace the old ones; no body clears them.
  r = w.call(Method::kPut, url(app_a), a.owner().token, {{"allowedApis", {"pay", "getUserWallet"}}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["allowedApis"] == nlohmann::json::array({"pay", "getUserWallet"}));
  CHECK(r.json()["allowedMenus"] == nlohmann::json::array());
  CHECK(r.json()["createdAt"] == first["createdAt"]);
  CHECK(w.audit_count("association.updated", host_app) == 1);

  w | test::app("Mini C").in("A");
  const auto app_c = w.app("Mini C").id;
  REQUIRE(w.call(Method::kPut, url(app_c), a.owner().token).status == 200);
  auto page = w.call(Method::kGet, test::host_app_url(host_app) + "/apps?limit=1", a.viewer().token).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["appId"] == app_c);  // newest first
  CHECK(page["items"][0]["allowedApis"] == nlohmann::json::array());
  REQUIRE(page["nextCursor"].is_string());
  page =
      w.call(Method::kGet,
             test::host_app_url(host_app) + "/apps?limit=1&cursor=" + page["nextCursor"].get<std::string>(),
             a.viewer().token)
          .json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["appId"] == app_a);
  CHECK(page["items"][0]["allowedApis"] == nlohmann::json::array({"pay", "getUserWallet"}));
  CHECK(page["nextCursor"].is_null());

  REQUIRE(w.call(Method::kDelete, url(app_a), a.developer().token).status == 204);
  CHECK(w.audit_count("association.deleted", host_app) == 1);
  const auto catalog = test::catalog(w);
  REQUIRE(catalog.at(0).associations.size() == 1);
  CHECK(catalog[0].associations[0].app_id == app_c);
  r = w.call(Method::kDelete, url(app_a), a.developer().token);
  CHECK(r.status == 404);
  CHECK(r.json()["code"] == "host_apps.not_associated");
  // created, updated, created (C), deleted
  CHECK(w.event_count("association.changed") == 4);

  // Deleting a mini-program removes its associations with it.
  REQUIRE(w.call(Method::kDelete, "/api/v1/apps/" + app_c, a.owner().token).status == 204);
  CHECK(
      w.call(Method::kGet, test::host_app_url(host_app) + "/apps", a.viewer().token).json()["items"].empty());
}

TEST_CASE("operators' association routes: who may call them and what they check", "[api][host_apps]") {
  test::World w = associations();
  auto& b = w.org("B");
  const auto host_app = w.host_app("Wallet").id;
  const auto app_a = w.app("Mini A").id;
  const auto app_b = w.app("Mini B").id;
  const auto platform_url = [&](const std::string& app) {
    return "/api/v1/platform/host-apps/" + host_app + "/apps/" + app;
  };
  const std::string grants = R"({"allowedApis":["pay"]})";
  test::run_scenarios(
      w.server, {
                    {.name = "an unknown host app",
                     .method = Method::kPut,
                     .url = "/api/v1/platform/host-apps/hst_nope/apps/" + app_b,
                     .headers = test::bearer_json(w.platform_admin().token),
                     .expected_status = 404,
                     .expected = {R"("code":"host_apps.not_found")"}},
                    {.name = "an unknown mini-program",
                     .method = Method::kPut,
                     .url = platform_url("app_nope"),
                     .headers = test::bearer_json(w.platform_admin().token),
                     .expected_status = 404,
                     .expected = {R"("code":"apps.not_found")"}},
                    {.name = "grants are checked against the host app here too",
                     .method = Method::kPut,
                     .url = platform_url(app_b),
                     .headers = test::bearer_json(w.platform_admin().token),
                     .body = R"({"allowedMenus":["exit"]})",
                     .expected_status = 400,
                     .expected = {R"("allowedMenus[0]":{"code":"not_defined")"}},
                    {.name = "an operator associates org B's mini-program with org A's host app",
                     .method = Method::kPut,
                     .url = platform_url(app_b),
                     .headers = test::bearer_json(w.platform_admin().token),
                     .body = grants,
                     .events = {"association.changed"},
                     .audit = {"association.created"},
                     .check =
                         [&](const http::ClientResponse& r) {
                           const auto j = r.json();
                           CHECK(j["crossOrg"] == true);
                           CHECK(j["appOrgId"] == b.id);
                           // It is in org A's operation log, and the runtime view sees it.
                           CHECK(w.audit_count("association.created", host_app) == 1);
                           const auto catalog = test::catalog(w);
                           REQUIRE(catalog.at(0).associations.size() == 1);
                           CHECK(catalog[0].associations[0].app_id == app_b);
                           CHECK(catalog[0].associations[0].allowed_apis == std::vector<std::string>{"pay"});
                         }},
                    {.name = "an operator associates within one organisation too (not cross-org)",
                     .method = Method::kPut,
                     .url = platform_url(app_a),
                     .headers = test::bearer_json(w.platform_admin().token),
                     .expected = {R"("crossOrg":false)"},
                     .events = {"association.changed"},
                     .audit = {"association.created"}},
                    {.name = "nothing to dissociate",
                     .method = Method::kDelete,
                     .url = platform_url(app_a),
                     .headers = test::bearer(w.platform_admin().token),
                     .expected_status = 404,
                     .expected = {R"("code":"host_apps.not_associated")"}},
                });
}

TEST_CASE("a cross-organisation association: org A manages its grants and may remove it",
          "[api][host_apps]") {
  test::World w = associations();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto host_app = w.host_app("Wallet").id;
  const auto app_b = w.app("Mini B").id;
  const auto url = [&](const std::string& app) { return test::host_app_url(host_app) + "/apps/" + app; };
  const auto platform_url = [&](const std::string& app) {
    return "/api/v1/platform/host-apps/" + host_app + "/apps/" + app;
  };
  auto r = w.call(Method::kPut, platform_url(app_b), w.platform_admin().token, {{"allowedApis", {"pay"}}});
  REQUIRE(r.status == 200);

  auto list = w.call(Method::kGet, test::host_app_url(host_app) + "/apps", a.viewer().token).json();
  REQUIRE(list["items"].size() == 1);
  CHECK(list["items"][0]["appId"] == app_b);
  CHECK(list["items"][0]["appOrgId"] == b.id);
  CHECK(list["items"][0]["crossOrg"] == true);

  // The host app's organisation sets the grants of its own host app…
  r = w.call(Method::kPut, url(app_b), a.owner().token,
             {{"allowedApis", {"getUserWallet"}}, {"allowedMenus", {"share"}}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["crossOrg"] == true);
  CHECK(r.json()["allowedMenus"] == nlohmann::json::array({"share"}));

  // …org B (the mini-program's owner) cannot reach org A's host app…
  CHECK(w.call(Method::kDelete, url(app_b), b.owner().token).status == 404);

  // …org A may always dissociate, but not re-create it: org B's mini-program is not its to associate.
  REQUIRE(w.call(Method::kDelete, url(app_b), a.owner().token).status == 204);
  r = w.call(Method::kPut, url(app_b), a.owner().token);
  CHECK(r.status == 404);
  CHECK(r.json()["code"] == "apps.not_found");

  // An operator can grant it again and remove it.
  REQUIRE(w.call(Method::kPut, platform_url(app_b), w.platform_admin().token).status == 200);
  REQUIRE(w.call(Method::kDelete, platform_url(app_b), w.platform_admin().token).status == 204);
  CHECK(w.audit_count("association.deleted", host_app) == 2);
  // created, updated, deleted, created, deleted
  CHECK(w.event_count("association.changed") == 5);
}
