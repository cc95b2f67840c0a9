// Every PATCH route, every field alone: the edit is answered with the stored row, a fresh GET
// shows it, and no other field moved. A service once decided "did anything change" from a
// summary that left `description` out, so PATCH {"description"} answered 200 with the new text
// and dropped it; a test that read only the PATCH answer could not see that. The routes come
// from docs/openapi.json, so a new PATCH route without a row here fails the last test case.
#include <fstream>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/totp.hpp"
#include "gray_steps.hpp"

using namespace cove;
using cove::http::Method;

namespace {

struct FieldValue {
  std::string field;
  nlohmann::json value;
  std::string read_as = {};  // the field's name in answers, when it differs (role → platformRole)
};

struct PatchRoute {
  std::string openapi_path;  // as in docs/openapi.json
  std::string patch_url;
  std::string read_url;  // a GET showing the object
  std::string token;
  std::vector<FieldValue> fields;
  // The object inside the GET (or PATCH) answer; the answer itself by default.
  std::function<nlohmann::json(const nlohmann::json&)> pick = [](const nlohmann::json& j) { return j; };
  // Fields computed from the edited one (a plan's current percentage follows its steps).
  std::set<std::string> derived = {};
};

// Fields that change on every write whatever was edited.
const std::set<std::string> kVolatile = {"updatedAt"};

nlohmann::json item_with(const nlohmann::json& list, const char* key, const std::string& value) {
  for (const auto& item : list.at("items")) {
    if (item.at(key) == value) return item;
  }
  FAIL("no item with " << key << " = " << value << " in " << list.dump());
  return nullptr;
}

void check_round_trips(test::World& w, const PatchRoute& route) {
  const auto read = [&] {
    auto r = w.call(Method::kGet, route.read_url, route.token);
    INFO(route.read_url << " → " << r.body);
    REQUIRE(r.status == 200);
    return route.pick(r.json());
  };
  for (const auto& [field, value, read_as] : route.fields) {
    INFO("PATCH " << route.patch_url << " {\"" << field << "\": " << value.dump() << "}");
    const auto& shown = read_as.empty() ? field : read_as;
    const auto before = read();
    REQUIRE(before.contains(shown));
    REQUIRE(before[shown] != value);  // the row must change, or the test proves nothing
    auto patched = w.call(Method::kPatch, route.patch_url, route.token, {{field, value}});
    INFO(patched.body);
    REQUIRE(patched.status == 200);
    CHECK(route.pick(patched.json())[shown] == value);
    const auto after = read();
    CHECK(after[shown] == value);
    for (const auto& [key, old] : before.items()) {
      if (key == shown || kVolatile.contains(key) || route.derived.contains(key)) continue;
      INFO("untouched field " << key);
      CHECK(after[key] == old);
    }
  }
}

std::string future(int minutes) {
  return core::format_rfc3339_millis(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count() +
                                     minutes * 60'000LL);
}

}  // namespace

TEST_CASE("every field of every PATCH route round-trips through GET", "[api][patch]") {
  test::World w = test::given() | test::org("A").everyone() | test::operators() |
                  test::app("Weather").released("1.0.0").approved("1.1.0") | test::host_app("Super App") |
                  test::uid_list("beta", "u1\nu2\n");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/base-libraries", w.platform_admin().token,
                 {{"version", "2.1.0"}, {"notes", "first"}})
              .status == 201);
  const auto& host = w.host_app("Super App");
  const auto list = test::uid_list_id(w, "beta");
  const auto plan =
      test::plan_ok(w, app, {{"version", "1.1.0"}, {"rule", test::one_condition("platform", "IN", {"ios"})}},
                    a.owner().token);
  // With 2FA of their own, requiring it of operators (a security setting below) leaves the
  // operator's session unrestricted, so the round trip can read the setting back.
  const auto enrol =
      w.call(Method::kPost, "/api/v1/auth/2fa/enroll", w.platform_admin().token, nlohmann::json::object());
  REQUIRE(enrol.status == 200);
  const auto totp_secret = core::totp::base32_decode(enrol.json()["secret"].get<std::string>());
  REQUIRE(w.call(Method::kPost, "/api/v1/auth/2fa/confirm", w.platform_admin().token,
                 {{"code", core::totp::code(totp_secret, w.server.app().clock().unix_seconds())}})
              .status == 200);

  std::vector<PatchRoute> routes;
  routes.push_back(
      {.openapi_path = "/api/v1/apps/{appId}",
       .patch_url = "/api/v1/apps/" + app,
       .read_url = "/api/v1/apps/" + app,
       .token = a.developer().token,
       .fields = {
           {"name", "天气 Pro"},
           {"summary", "Forecasts for your city"},
           {"description", "Hourly forecasts.\nAir quality."},
           {"category", "tools"},
           {"tags", {"weather", "daily"}},
           {"developer",
            {{"name", "Han Meimei"}, {"email", "dev@acme.example"}, {"phone", "+86 21 5555 0102"}}},
           {"privacy",
            {{"policyUrl", "https://acme.example/privacy"},
             {"items", {{{"dataType", "location"}, {"purpose", "To show the weather where you are"}}}}}},
           {"repositoryUrl", "https://git.acme.example/weather"},
           {"securityRating", "A (audit 2026-10)"},
           {"contracts",
            {{{"chain", "ethereum"},
              {"address", "0x5FbDB2315678afecb367f032d93F642f64180aa3"},
              {"name", "Tips"}}}}}});
  routes.push_back({.openapi_path = "/api/v1/apps/{appId}/versions/{version}",
                    .patch_url = fmt::format("/api/v1/apps/{}/versions/1.1.0", app),
                    .read_url = fmt::format("/api/v1/apps/{}/versions/1.1.0", app),
                    .token = a.developer().token,
                    .fields = {{"changelog", "Fixes the login page"}, {"minBaseLibrary", "2.1.0"}}});
  routes.push_back({.openapi_path = "/api/v1/platform/base-libraries/{version}",
                    .patch_url = "/api/v1/platform/base-libraries/2.1.0",
                    .read_url = "/api/v1/base-libraries",
                    .token = w.platform_admin().token,
                    .fields = {{"status", "deprecated"}, {"notes", "Use 2.2 for new mini-programs"}},
                    .pick = [](const nlohmann::json& j) {
                      return j.contains("items") ? item_with(j, "version", "2.1.0") : j;
                    }});
  routes.push_back(
      {.openapi_path = "/api/v1/host-apps/{hostAppId}",
       .patch_url = "/api/v1/host-apps/" + host.id,
       .read_url = "/api/v1/host-apps/" + host.id,
       .token = a.admin().token,
       .fields = {{"name", "Acme Wallet"},
                  {"status", "disabled"},
                  {"bundleIds", {{{"platform", "android"}, {"id", "com.acme.wallet"}}}},
                  {"customApis", {{{"name", "getUserWallet"}, {"description", "The wallet address"}}}},
                  {"menus", {{{"id", "share_to_chat"}, {"title", "Share"}}}}}});
  routes.push_back({.openapi_path = "/api/v1/me",
                    .patch_url = "/api/v1/me",
                    .read_url = "/api/v1/me",
                    .token = a.viewer().token,
                    .fields = {{"name", "Viewer Renamed"}},
                    .pick = [](const nlohmann::json& j) { return j.contains("user") ? j["user"] : j; }});
  const auto developer_id = test::user_id_of(w, "dev@a.example");
  routes.push_back({.openapi_path = "/api/v1/orgs/{orgId}/members/{userId}",
                    .patch_url = fmt::format("/api/v1/orgs/{}/members/{}", a.id, developer_id),
                    .read_url = fmt::format("/api/v1/orgs/{}/members/{}", a.id, developer_id),
                    .token = a.owner().token,
                    .fields = {{"role", "admin"}}});
  routes.push_back({.openapi_path = "/api/v1/platform/operators/{userId}",
                    .patch_url = "/api/v1/platform/operators/" + w.reviewer().id,
                    .read_url = "/api/v1/platform/operators?limit=100",
                    .token = w.platform_admin().token,
                    .fields = {{"role", "platform_admin", "platformRole"}, {"status", "disabled"}},
                    .pick = [&](const nlohmann::json& j) {
                      return j.contains("items") ? item_with(j, "id", w.reviewer().id) : j;
                    }});
  routes.push_back({.openapi_path = "/api/v1/platform/settings/security",
                    .patch_url = "/api/v1/platform/settings/security",
                    .read_url = "/api/v1/platform/settings/security",
                    .token = w.platform_admin().token,
                    .fields = {{"lockoutMaxFailures", 7},
                               {"lockoutMinutes", 20},
                               {"ipMaxFailures", 60},
                               {"passwordMinLength", 12},
                               {"passwordMinClasses", 2},
                               {"passwordExpiryDays", 90},
                               {"passwordHistory", 3},
                               {"accessTtlSeconds", 600},
                               {"refreshTtlDays", 14},
                               {"apiKeyRequestsPerMinute", 1200},
                               {"invitationTtlHours", 48},
                               {"corsOrigins", {"https://console.acme.example"}},
                               {"require2faOperators", true}}});
  routes.push_back({.openapi_path = "/api/v1/platform/settings/quotas",
                    .patch_url = "/api/v1/platform/settings/quotas",
                    .read_url = "/api/v1/platform/settings/quotas",
                    .token = w.platform_admin().token,
                    .fields = {{"maxApps", 150},
                               {"maxHostApps", 30},
                               {"maxMembers", 120},
                               {"maxGrayPlans", 8},
                               {"maxPackageBytes", 200LL * 1024 * 1024}}});
  routes.push_back({.openapi_path = "/api/v1/platform/settings/branding",
                    .patch_url = "/api/v1/platform/settings/branding",
                    .read_url = "/api/v1/platform/settings/branding",
                    .token = w.platform_admin().token,
                    .fields = {{"productName", "Acme 小程序平台"},
                               {"loginTitle", "Welcome"},
                               {"loginText", "Sign in with your work account.\nHelp: it@acme.example"},
                               {"copyright", "© 2026 Acme"}}});
  // Webhook endpoints subscribed to a type nothing here emits, so no delivery moves their health.
  for (const bool platform : {false, true}) {
    const auto& token = platform ? w.platform_admin().token : a.owner().token;
    auto created = w.call(Method::kPost, platform ? "/api/v1/platform/webhooks" : "/api/v1/orgs/" + a.id + "/webhooks",
                          token, {{"url", "https://hooks.example.com/cove"}, {"events", {"case.restored"}}});
    REQUIRE(created.status == 201);
    const auto base = std::string(platform ? "/api/v1/platform/webhooks/" : "/api/v1/webhooks/") +
                      created.json()["id"].get<std::string>();
    routes.push_back({.openapi_path = platform ? "/api/v1/platform/webhooks/{webhookId}" : "/api/v1/webhooks/{webhookId}",
                      .patch_url = base,
                      .read_url = base,
                      .token = token,
                      .fields = {{"url", "https://ci.example.com/hooks"},
                                 {"description", "CI"},
                                 {"events", {"case.restored", "case.taken_down"}},
                                 {"appIds", {app}},
                                 {"headers", {{"X-Team", "mobile"}}},
                                 {"enabled", false}}});
  }
  routes.push_back({.openapi_path = "/api/v1/uid-lists/{listId}",
                    .patch_url = "/api/v1/uid-lists/" + list,
                    .read_url = "/api/v1/uid-lists/" + list,
                    .token = a.owner().token,
                    .fields = {{"name", "beta testers"}, {"description", "Staff who try versions first"}}});
  routes.push_back(
      {.openapi_path = "/api/v1/gray/plans/{planId}",
       .patch_url = "/api/v1/gray/plans/" + plan,
       .read_url = "/api/v1/gray/plans/" + plan,
       .token = a.owner().token,
       .fields = {{"name", "iOS first"},
                  {"rule", test::one_condition("platform", "IN", {"android"})},
                  {"priority", 7},
                  {"steps",
                   {{{"percentage", 10}, {"at", future(60)}}, {{"percentage", 50}, {"at", future(120)}}}}},
       .pick =
           [](const nlohmann::json& j) {
             // Steps are answered with whether each was applied; compare what was sent.
             auto out = j;
             for (auto& s : out["steps"]) s.erase("applied");
             return out;
           },
       .derived = {"currentPercentage"}});
  // Announcements and articles (notify): the body is read back as its Markdown; the HTML and an
  // announcement's status follow from the edited fields.
  {
    auto created = w.call(Method::kPost, "/api/v1/platform/announcements", w.platform_admin().token,
                          {{"title", "Maintenance"}, {"body", "Sunday"}, {"endsAt", future(600)}});
    REQUIRE(created.status == 201);
    const auto url = "/api/v1/platform/announcements/" + created.json()["id"].get<std::string>();
    routes.push_back({.openapi_path = "/api/v1/platform/announcements/{announcementId}",
                      .patch_url = url,
                      .read_url = url,
                      .token = w.platform_admin().token,
                      .fields = {{"title", "Upgrade"},
                                 {"body", "**Saturday** 02:00", "bodyMarkdown"},
                                 {"severity", "critical"},
                                 {"audience", "operators"},
                                 {"startsAt", future(60)},
                                 {"endsAt", future(900)}},
                      .derived = {"bodyHtml", "status"}});
  }
  for (const bool platform : {false, true}) {
    const auto& token = platform ? w.platform_admin().token : a.owner().token;
    auto created = w.call(Method::kPost, platform ? "/api/v1/platform/articles" : "/api/v1/orgs/" + a.id + "/articles",
                          token, {{"title", "Hello"}, {"body", "first"}, {"category", "news"}});
    REQUIRE(created.status == 201);
    const auto url = std::string(platform ? "/api/v1/platform/articles/" : "/api/v1/articles/") +
                     created.json()["id"].get<std::string>();
    routes.push_back({.openapi_path = platform ? "/api/v1/platform/articles/{articleId}" : "/api/v1/articles/{articleId}",
                      .patch_url = url,
                      .read_url = url,
                      .token = token,
                      .fields = {{"title", "Hello again"},
                                 {"summary", "What is new"},
                                 {"body", "# New\n\ntext", "bodyMarkdown"},
                                 {"category", "tips"},
                                 {"tags", {"ios", "wallet"}},
                                 {"hostAppIds", {host.id}},
                                 {"publishAt", future(60)}},
                      .derived = {"bodyHtml"}});
  }
  // The organisation last: requiring 2FA restricts its members' sessions from then on.
  routes.push_back({.openapi_path = "/api/v1/orgs/{orgId}",
                    .patch_url = "/api/v1/orgs/" + a.id,
                    .read_url = "/api/v1/orgs/" + a.id,
                    .token = a.owner().token,
                    .fields = {{"name", "Acme 小程序"},
                               {"contactName", "Han Meimei"},
                               {"contactEmail", "ops@acme.example"},
                               {"contactPhone", "+86 21 5555 0199"}}});

  std::set<std::string> covered;
  for (const auto& route : routes) {
    SECTION(route.openapi_path) { check_round_trips(w, route); }
    covered.insert(route.openapi_path);
  }

  SECTION("the table covers every PATCH route of docs/openapi.json") {
    std::ifstream in(COVE_SOURCE_DIR "/docs/openapi.json");
    const auto spec = nlohmann::json::parse(in);
    for (const auto& [path, ops] : spec["paths"].items()) {
      if (!ops.contains("patch")) continue;
      INFO("PATCH " << path << " needs a row in patch_roundtrip_test.cpp");
      CHECK(covered.contains(path));
    }
  }
}

TEST_CASE("an edit that changes nothing writes nothing", "[api][patch]") {
  test::World w = test::given() | test::org("A").owner() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto url = "/api/v1/apps/" + app;
  REQUIRE(w.call(Method::kPatch, url, a.owner().token, {{"description", "Hourly forecasts"}}).status == 200);
  const auto logged = w.audit_count("app.updated", app);
  const auto events = w.event_count("app.updated");
  CHECK(logged == 1);
  REQUIRE(w.call(Method::kPatch, url, a.owner().token, {{"description", "Hourly forecasts"}}).status == 200);
  CHECK(w.audit_count("app.updated", app) == logged);
  CHECK(w.event_count("app.updated") == events);
}

TEST_CASE("a key given twice is refused, naming it, and changes nothing", "[api][patch]") {
  test::World w = test::given() | test::org("A").owner() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  auto client = w.server.client();
  const auto r = client.request(Method::kPatch, "/api/v1/apps/" + app, test::bearer_json(a.owner().token),
                                R"({"name":"k","name":"j"})");
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.json()["code"] == "validation_failed");
  CHECK(r.json()["details"]["fields"]["name"]["code"] == "duplicate_key");
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.owner().token).json()["name"] == "Weather");
  const auto created = client.request(Method::kPost, "/api/v1/orgs/" + a.id + "/apps",
                                      test::bearer_json(a.owner().token), R"({"name":"A","name":"B"})");
  CHECK(created.status == 400);
}
