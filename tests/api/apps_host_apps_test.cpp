// Host apps (宿主 App) end to end: who may manage them, what they validate, the SDK secret's
// lifecycle (shown once, sealed at rest, never in a GET, the operation log, events or logs),
// rotation, quota, editing definitions, deletion and what the runtime catalog loads.
#include <regex>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/log.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::kIosBundle;
using test::Scenario;

namespace {

nlohmann::json bundle(const char* platform, const std::string& id) {
  return {{"platform", platform}, {"id", id}};
}

std::vector<nlohmann::json> many_apis(std::size_t n) {
  std::vector<nlohmann::json> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back({{"name", fmt::format("api{}", i)}});
  return out;
}

}  // namespace

TEST_CASE("host app creation: who may create one and what is validated", "[api][host_apps]") {
  test::World w = test::given() | test::org("A").owner().developer();
  auto& a = w.org("A");
  const auto url = test::host_apps_url(a.id);
  const auto post = [&](std::string name, const test::TestUser& as, nlohmann::json body, int status,
                        std::vector<std::string> expected = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPost,
                    .url = url,
                    .headers = test::bearer_json(as.token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected)};
  };
  test::run_scenarios(
      w.server,
      {
          post("missing and unknown fields are reported together", a.owner(), {{"nmae", "x"}}, 400,
               {R"("name":{"code":"required")", R"("bundleIds":{"code":"required")",
                R"("nmae":{"code":"unknown_field")"}),
          post("status is not set at creation", a.owner(),
               {{"name", "W"}, {"bundleIds", {kIosBundle}}, {"status", "disabled"}}, 400,
               {R"("status":{"code":"unknown_field")"}),
          post("an empty bundle id list", a.owner(), {{"name", "W"}, {"bundleIds", nlohmann::json::array()}},
               400, {R"("bundleIds":{"code":"required")"}),
          post("an unknown platform", a.owner(),
               {{"name", "W"}, {"bundleIds", {bundle("symbian", "com.a.b")}}}, 400,
               {R"("bundleIds[0].platform":{"code":"unknown_value")"}),
          post("a bundle id that is not reverse-DNS", a.owner(),
               {{"name", "W"}, {"bundleIds", {bundle("ios", "wallet")}}}, 400,
               {R"("bundleIds[0].id":{"code":"invalid_format")"}),
          post("an Android package segment starting with a digit", a.owner(),
               {{"name", "W"}, {"bundleIds", {bundle("android", "com.1example.app")}}}, 400,
               {R"("bundleIds[0].id":{"code":"invalid_format")"}),
          post("a HarmonyOS bundle name that is too short", a.owner(),
               {{"name", "W"}, {"bundleIds", {bundle("harmony", "c.ab")}}}, 400,
               {R"("bundleIds[0].id":{"code":"too_short")"}),
          post("an over-long bundle id", a.owner(),
               {{"name", "W"}, {"bundleIds", {bundle("ios", std::string("com.").append(160, 'a'))}}}, 400,
               {R"("bundleIds[0].id":{"code":"too_long")"}),
          post("three bundle ids on one platform", a.owner(),
               {{"name", "W"},
                {"bundleIds",
                 {bundle("ios", "com.a.one"), bundle("ios", "com.a.two"), bundle("ios", "com.a.three")}}},
               400, {R"("bundleIds":{"code":"too_many")"}),
          post("the same bundle id twice", a.owner(),
               {{"name", "W"},
                {"bundleIds", {bundle("android", "com.a.one"), bundle("android", "com.a.one")}}},
               400, {R"("bundleIds[1].id":{"code":"duplicate")"}),
          post("a custom API name that is not an identifier", a.owner(),
               {{"name", "W"}, {"bundleIds", {kIosBundle}}, {"customApis", {{{"name", "get-wallet"}}}}}, 400,
               {R"("customApis[0].name":{"code":"invalid_format")"}),
          post("too many custom APIs", a.owner(),
               {{"name", "W"}, {"bundleIds", {kIosBundle}}, {"customApis", many_apis(51)}}, 400,
               {R"("customApis":{"code":"too_many")"}),
          post("a custom API with an unknown field", a.owner(),
               {{"name", "W"},
                {"bundleIds", {kIosBundle}},
                {"customApis", {{{"name", "getWallet"}, {"scope", 1}}}}},
               400, {R"("customApis[0].scope":{"code":"unknown_field")"}),
          post("a menu id defined twice", a.owner(),
               {{"name", "W"},
                {"bundleIds", {kIosBundle}},
                {"menus", {{{"id", "share"}, {"title", "Share"}}, {{"id", "share"}, {"title", "Again"}}}}},
               400, {R"("menus[1].id":{"code":"duplicate")"}),
          post("a menu item without a title", a.owner(),
               {{"name", "W"}, {"bundleIds", {kIosBundle}}, {"menus", {{{"id", "share"}}}}}, 400,
               {R"("menus[0].title":{"code":"required")"}),
          {.name = "a developer creates one; the secret comes with the answer",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body =
               nlohmann::json{
                   {"name", "Wallet"},
                   {"bundleIds",
                    {bundle("ios", "com.example.wallet"), bundle("android", "com.example.wallet"),
                     bundle("harmony", "com.example.wallet"), bundle("ios", "com.example.wallet-beta")}},
                   {"customApis", {{{"name", "getUserWallet"}, {"description", "Addresses"}}}},
                   {"menus", {{{"id", "share_to_chat"}, {"title", "Share"}}}}}
                   .dump(),
           .expected_status = 201,
           .events = {"host_app.created"},
           .audit = {"host_app.created"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto j = r.json();
                 CHECK(std::regex_match(j["id"].get<std::string>(), std::regex("hst_[0-9A-Za-z]{22}")));
                 CHECK(std::regex_match(j["sdkKey"].get<std::string>(), std::regex("sdk_[0-9A-Za-z]{22}")));
                 // 32 random bytes, base64url without padding.
                 CHECK(std::regex_match(j["sdkSecret"].get<std::string>(),
                                        std::regex("cove_ss_[0-9A-Za-z_-]{43}")));
                 CHECK(j["orgId"] == a.id);
                 CHECK(j["status"] == "active");
                 // Sorted by platform, then id.
                 CHECK(j["bundleIds"] ==
                       nlohmann::json::array(
                           {bundle("android", "com.example.wallet"), bundle("harmony", "com.example.wallet"),
                            bundle("ios", "com.example.wallet"), bundle("ios", "com.example.wallet-beta")}));
                 CHECK(j["customApis"][0] ==
                       nlohmann::json{{"name", "getUserWallet"}, {"description", "Addresses"}});
                 CHECK(j["menus"][0] == nlohmann::json{{"id", "share_to_chat"}, {"title", "Share"}});
                 CHECK(w.audit_count("host_app.created", j["id"].get<std::string>()) == 1);
                 CHECK(w.event_count("host_app.created") == 1);
               }},
      });
}

TEST_CASE("the SDK secret is shown once, stored sealed and never logged", "[api][host_apps]") {
  std::string logs;
  core::log::capture(&logs);
  core::log::configure(core::log::Level::kDebug, core::log::Format::kText);
  test::World w = test::given({.configure = [](core::Config& c) { c.log.access_log = true; }}) |
                  test::org("A").owner().developer().viewer();
  auto& a = w.org("A");
  const auto created = test::create_host_app(w, a.owner(), a.id, {{"name", "Wallet"}});
  const auto id = created["id"].get<std::string>();
  const auto secret = created["sdkSecret"].get<std::string>();

  auto got = w.call(Method::kGet, test::host_app_url(id), a.viewer().token);
  REQUIRE(got.status == 200);
  CHECK(got.json()["sdkKey"] == created["sdkKey"]);
  CHECK(got.json().contains("sdkSecret") == false);
  CHECK(got.body.find(secret) == std::string::npos);
  auto list = w.call(Method::kGet, test::host_apps_url(a.id), a.viewer().token);
  REQUIRE(list.status == 200);
  CHECK(list.json()["items"].size() == 1);
  CHECK(list.body.find("sdkSecret") == std::string::npos);

  // At rest: sealed, so the secret's text is not in the row; the runtime view opens it.
  CHECK(test::rows_containing(w, "sdk_secret", "host_apps", secret) == 0);
  CHECK(test::rows_containing(w, "sdk_secret", "host_apps", "v1.") == 1);
  CHECK(test::signs_with(w, created["sdkKey"].get<std::string>(), secret));

  const auto rotated = w.call(Method::kPost, test::host_app_url(id) + "/rotate-secret", a.developer().token);
  REQUIRE(rotated.status == 200);
  const auto new_secret = rotated.json()["sdkSecret"].get<std::string>();
  CHECK(new_secret != secret);
  CHECK(w.call(Method::kGet, test::host_app_url(id), a.owner().token).body.find(new_secret) ==
        std::string::npos);

  for (const auto& s : {secret, new_secret}) {
    CHECK(test::rows_containing(w, "COALESCE(before_json, '') || COALESCE(after_json, '')", "audit_log", s) ==
          0);
    CHECK(test::rows_containing(w, "payload", "outbox", s) == 0);
    CHECK(test::rows_containing(w, "sdk_secret", "host_apps", s) == 0);
  }
  CHECK(w.audit_count("host_app.secret_rotated", id) == 1);
  w.server.stop();
  core::log::flush();
  core::log::configure(core::log::Level::kInfo, core::log::Format::kText);
  core::log::capture(nullptr);
  CHECK(logs.find("/rotate-secret") != std::string::npos);  // the capture saw the requests…
  CHECK(logs.find(secret) == std::string::npos);            // …and no secret
  CHECK(logs.find(new_secret) == std::string::npos);
}

TEST_CASE("rotating the secret changes nothing else", "[api][host_apps]") {
  test::World w = test::given() | test::org("A").owner() | test::app("Mini");
  auto& a = w.org("A");
  const auto created = test::create_host_app(w, a.owner(), a.id,
                                             {{"name", "Wallet"},
                                              {"customApis", {{{"name", "getUserWallet"}}}},
                                              {"menus", {{{"id", "share"}, {"title", "Share"}}}}});
  const auto id = created["id"].get<std::string>();
  const auto app = w.app("Mini").id;
  REQUIRE(w.call(Method::kPut, test::host_app_url(id) + "/apps/" + app, a.owner().token,
                 {{"allowedApis", {"getUserWallet"}}, {"allowedMenus", {"share"}}})
              .status == 200);
  const auto before = w.call(Method::kGet, test::host_app_url(id), a.owner().token).json();

  test::run_scenarios(
      w.server,
      {
          {.name = "a body with fields is refused",
           .method = Method::kPost,
           .url = test::host_app_url(id) + "/rotate-secret",
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"graceHours":1})",
           .expected_status = 400,
           .expected = {R"("graceHours":{"code":"unknown_field")"}},
          {.name = "the owner rotates",
           .method = Method::kPost,
           .url = test::host_app_url(id) + "/rotate-secret",
           .headers = test::bearer_json(a.owner().token),
           .events = {"host_app.updated"},
           .audit = {"host_app.secret_rotated"},
           .check =
               [&](const http::ClientResponse& r) {
                 auto j = r.json();
                 CHECK(j["sdkKey"] == created["sdkKey"]);
                 CHECK(j["bundleIds"] == created["bundleIds"]);
                 CHECK(j["secretRotatedAt"] >= created["secretRotatedAt"]);
                 const auto after = w.call(Method::kGet, test::host_app_url(id), a.owner().token).json();
                 for (const auto* field : {"name", "sdkKey", "status", "bundleIds", "customApis", "menus"}) {
                   CHECK(after[field] == before[field]);
                 }
                 const auto apps =
                     w.call(Method::kGet, test::host_app_url(id) + "/apps", a.owner().token).json();
                 REQUIRE(apps["items"].size() == 1);
                 CHECK(apps["items"][0]["allowedApis"] == nlohmann::json::array({"getUserWallet"}));
                 CHECK(apps["items"][0]["allowedMenus"] == nlohmann::json::array({"share"}));
                 const auto catalog = test::catalog(w);
                 REQUIRE(catalog.size() == 1);
                 CHECK(test::signs_with(w, j["sdkKey"].get<std::string>(), j["sdkSecret"].get<std::string>()));
                 CHECK(catalog[0].associations.size() == 1);
               }},
      });
}

TEST_CASE("reading, editing and deleting a host app", "[api][host_apps]") {
  test::World w =
      test::given() | test::org("A").owner().developer().viewer() | test::operators() | test::app("Mini");
  auto& a = w.org("A");
  const auto created =
      test::create_host_app(w, a.owner(), a.id,
                            {{"name", "Wallet"},
                             {"customApis", {{{"name", "getUserWallet"}}, {{"name", "pay"}}}},
                             {"menus", {{{"id", "share"}, {"title", "Share"}}}}});
  const auto id = created["id"].get<std::string>();
  const auto url = test::host_app_url(id);
  const auto app = w.app("Mini").id;
  REQUIRE(w.call(Method::kPut, url + "/apps/" + app, a.owner().token,
                 {{"allowedApis", {"getUserWallet", "pay"}}, {"allowedMenus", {"share"}}})
              .status == 200);
  const auto patch = [&](std::string name, const test::TestUser& as, nlohmann::json body, int status,
                         std::vector<std::string> expected = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPatch,
                    .url = url,
                    .headers = test::bearer_json(as.token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected)};
  };
  test::run_scenarios(
      w.server,
      {
          {.name = "an unknown host app",
           .url = test::host_app_url("hst_nope"),
           .headers = test::bearer(a.owner().token),
           .expected_status = 404},
          {.name = "a viewer reads it",
           .url = url,
           .headers = test::bearer(a.viewer().token),
           .expected = {R"("name":"Wallet")"},
           .not_expected = {"sdkSecret"}},
          {.name = "an operator reads it",
           .url = url,
           .headers = test::bearer(w.reviewer().token),
           .expected = {R"("name":"Wallet")"}},
          {.name = "the list filters by status",
           .url = test::host_apps_url(a.id) + "?status=disabled",
           .headers = test::bearer(a.owner().token),
           .expected = {R"("items":[])"}},
          {.name = "a bad status filter",
           .url = test::host_apps_url(a.id) + "?status=sleeping",
           .headers = test::bearer(a.owner().token),
           .expected_status = 400,
           .expected = {R"("status":{"code":"unknown_value")"}},
          patch("an unknown status", a.owner(), {{"status", "paused"}}, 400,
                {R"("status":{"code":"unknown_value")"}),
          patch("bundle ids cannot be emptied", a.owner(), {{"bundleIds", nlohmann::json::array()}}, 400,
                {R"("bundleIds":{"code":"required")"}),
          patch("the sdkKey is not editable", a.owner(), {{"sdkKey", "sdk_mine"}}, 400,
                {R"("sdkKey":{"code":"unknown_field")"}),
          {.name = "disable, rename and replace bundle ids",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body = nlohmann::json{{"name", "Wallet Pro"},
                                  {"status", "disabled"},
                                  {"bundleIds", {bundle("android", "com.example.pro")}}}
                       .dump(),
           .events = {"host_app.updated"},
           .audit = {"host_app.updated"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto j = r.json();
                 CHECK(j["name"] == "Wallet Pro");
                 CHECK(j["status"] == "disabled");
                 CHECK(j["bundleIds"] == nlohmann::json::array({bundle("android", "com.example.pro")}));
                 CHECK(j["sdkKey"] == created["sdkKey"]);
                 CHECK(w.audit_count("host_app.updated", id) == 1);
                 CHECK(w.event_count("host_app.updated") == 1);
                 const auto listed =
                     w.call(Method::kGet, test::host_apps_url(a.id) + "?status=disabled", a.owner().token);
                 CHECK(listed.json()["items"].size() == 1);
               }},
          {.name = "the same edit twice records one change",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body = R"({"name":"Wallet Pro","status":"disabled"})",
           .events = {"host_app.updated"},
           .audit = {"host_app.updated"},
           .check =
               [&](const http::ClientResponse&) {
                 const auto again = w.call(Method::kPatch, url, a.developer().token,
                                           {{"name", "Wallet Pro"}, {"status", "disabled"}});
                 CHECK(again.status == 200);
                 CHECK(w.audit_count("host_app.updated", id) == 1);
                 CHECK(w.event_count("host_app.updated") == 1);
               }},
          {.name = "removing a custom API and the menu drops their grants",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"customApis":[{"name":"pay","description":"Pay"}],"menus":[]})",
           .events = {"host_app.updated"},
           .audit = {"host_app.updated"},
           .check =
               [&](const http::ClientResponse& r) {
                 CHECK(r.json()["customApis"] ==
                       nlohmann::json::parse(R"([{"name":"pay","description":"Pay"}])"));
                 const auto apps = w.call(Method::kGet, url + "/apps", a.owner().token).json();
                 REQUIRE(apps["items"].size() == 1);
                 CHECK(apps["items"][0]["allowedApis"] == nlohmann::json::array({"pay"}));
                 CHECK(apps["items"][0]["allowedMenus"] == nlohmann::json::array());
               }},
          {.name = "deleting removes it with its associations",
           .method = Method::kDelete,
           .url = url,
           .headers = test::bearer(a.owner().token),
           .expected_status = 204,
           .events = {"host_app.deleted"},
           .audit = {"host_app.deleted"},
           .check =
               [&](const http::ClientResponse&) {
                 CHECK(w.call(Method::kGet, url, a.owner().token).status == 404);
                 CHECK(test::rows_containing(w, "host_app_id", "host_app_apps", id) == 0);
                 CHECK(test::rows_containing(w, "host_app_id", "host_app_bundles", id) == 0);
                 CHECK(w.audit_count("host_app.deleted", id) == 1);
                 CHECK(w.event_count("host_app.deleted") == 1);
                 CHECK(test::catalog(w).empty());
                 // The mini-program itself stays.
                 CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.owner().token).status == 200);
               }},
      });
}

TEST_CASE("host apps are listed newest first, per organisation, in pages", "[api][host_apps]") {
  test::World w = test::given() | test::org("A").owner().viewer() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto first = test::create_host_app(w, a.owner(), a.id, {{"name", "First"}});
  const auto second = test::create_host_app(w, a.owner(), a.id, {{"name", "Second"}});
  test::create_host_app(w, b.owner(), b.id, {{"name", "Other"}});

  auto page = w.call(Method::kGet, test::host_apps_url(a.id) + "?limit=1", a.viewer().token).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == second["id"]);
  REQUIRE(page["nextCursor"].is_string());
  page = w.call(Method::kGet,
                test::host_apps_url(a.id) + "?limit=1&cursor=" + page["nextCursor"].get<std::string>(),
                a.viewer().token)
             .json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == first["id"]);
  CHECK(page["nextCursor"].is_null());

  page = w.call(Method::kGet, test::host_apps_url(a.id) + "?q=sec", a.viewer().token).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["name"] == "Second");
  page = w.call(Method::kGet, test::host_apps_url(a.id) + "?q=" + first["sdkKey"].get<std::string>(),
                a.viewer().token)
             .json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == first["id"]);
}

TEST_CASE("the host-app quota stops new host apps", "[api][host_apps][quotas]") {
  test::World w = test::given() | test::org("A").owner() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  auto& b = w.org("B");
  REQUIRE(w.call(Method::kPut, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token,
                 {{"maxHostApps", 2}})
              .status == 200);
  const auto first = test::create_host_app(w, a.owner(), a.id, {{"name", "One"}});
  test::create_host_app(w, a.owner(), a.id, {{"name", "Two"}});
  const nlohmann::json body = {{"name", "Three"}, {"bundleIds", {kIosBundle}}};
  auto r = w.call(Method::kPost, test::host_apps_url(a.id), a.owner().token, body);
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "quota.exceeded");
  CHECK(r.json()["details"]["quota"] == "maxHostApps");
  CHECK(r.json()["details"]["limit"] == 2);
  CHECK(r.body.find("sdkSecret") == std::string::npos);
  // Another organisation is not affected; deleting makes room again.
  test::create_host_app(w, b.owner(), b.id, {{"name", "B"}});
  REQUIRE(
      w.call(Method::kDelete, test::host_app_url(first["id"].get<std::string>()), a.owner().token).status ==
      204);
  CHECK(w.call(Method::kPost, test::host_apps_url(a.id), a.owner().token, body).status == 201);
}
