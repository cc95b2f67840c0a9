// Platform settings through the API: security policy (and that changes take effect), quota
// defaults, branding texts and images, and the public branding endpoint.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, '\x02');
const std::string kIco = std::string("\x00\x00\x01\x00\x01\x00", 6) + std::string(40, '\x03');
const std::string kSafeSvg =
    R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" font-family="Monaco"><circle r="4"/></svg>)";

http::ClientResponse put_image(test::World& w, const std::string& which, const std::string& token,
                               const std::string& bytes) {
  auto client = w.server.client();
  http::Headers h = token.empty() ? http::Headers{} : test::bearer(token);
  h.set("Content-Type", "image/png");  // ignored: the bytes decide
  return client.request(Method::kPut, "/api/v1/platform/settings/branding/" + which, h, bytes);
}

}  // namespace

TEST_CASE("operators read and change the security settings", "[api][orgs][settings]") {
  test::World w = test::given() | test::operators();
  const std::string url = "/api/v1/platform/settings/security";
  test::run_scenarios(
      w.server,
      {
          {.name = "a reviewer reads",
           .url = url,
           .headers = test::bearer(w.reviewer().token),
           .expected = {R"("lockoutMaxFailures":5)", R"("passwordMinLength":10)",
                        R"("invitationTtlHours":72)"}},
          {.name = "bad values",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"j({"passwordMinLength":3,"corsOrigins":["javascript:alert(1)"],"lockoutMinute":5})j",
           .expected_status = 400,
           .expected = {R"("passwordMinLength":{"code":"out_of_range")",
                        R"("corsOrigins":{"code":"invalid_origin")",
                        R"("lockoutMinute":{"code":"unknown_field")"}},
          {.name = "an admin changes them, recorded in the operation log",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"lockoutMinutes":30,"passwordHistory":8})",
           .expected = {R"("lockoutMinutes":30)", R"("passwordHistory":8)"},
           .audit = {"settings.security_updated"},
           .check =
               [&](const http::ClientResponse&) {
                 CHECK(w.audit_count("settings.security_updated") == 1);
                 CHECK(w.call(Method::kGet, url, w.reviewer().token).json()["lockoutMinutes"] == 30);
               }},
      });
}

TEST_CASE("a CORS origin added in the settings is honoured at once", "[api][orgs][settings]") {
  test::World w = test::given() | test::org("A").viewer() | test::operators();
  auto& a = w.org("A");
  auto client = w.server.client();
  http::Headers preflight;
  preflight.set("Origin", "https://console.acme.example");
  preflight.set("Access-Control-Request-Method", "GET");
  auto r = client.request(Method::kOptions, "/api/v1/orgs/" + a.id, preflight);
  CHECK_FALSE(r.headers.get("Access-Control-Allow-Origin").has_value());
  CHECK_FALSE(r.headers.get("Access-Control-Allow-Methods").has_value());

  REQUIRE(w.call(Method::kPatch, "/api/v1/platform/settings/security", w.platform_admin().token,
                 {{"corsOrigins", nlohmann::json::array({"https://console.acme.example"})}})
              .status == 200);
  r = client.request(Method::kOptions, "/api/v1/orgs/" + a.id, preflight);
  CHECK(r.headers.get("Access-Control-Allow-Methods").has_value());
  http::Headers simple = test::bearer(a.viewer().token);
  simple.set("Origin", "https://console.acme.example");
  r = client.request(Method::kGet, "/api/v1/orgs/" + a.id, simple);
  CHECK(r.headers.get("Access-Control-Allow-Origin") == "https://console.acme.example");
}

TEST_CASE("quota defaults are platform settings", "[api][orgs][settings][quotas]") {
  test::World w = test::given() | test::org("A").viewer() | test::operators();
  auto& a = w.org("A");
  const std::string url = "/api/v1/platform/settings/quotas";
  CHECK(w.call(Method::kGet, url, w.reviewer().token).json()["maxMembers"] == 100);
  auto r = w.call(Method::kPatch, url, w.platform_admin().token, {{"maxMembers", 0}, {"maxApps", "many"}});
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("maxApps":{"code":"invalid_type")") != std::string::npos);
  r = w.call(Method::kPatch, url, w.platform_admin().token, {{"maxMembers", 3}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["maxMembers"] == 3);
  CHECK(w.audit_count("settings.quotas_updated") == 1);
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id, a.viewer().token).json()["quotas"]["maxMembers"] == 3);
}

TEST_CASE("branding texts and images are served to the sign-in page", "[api][orgs][settings][branding]") {
  test::World w = test::given() | test::operators();
  auto r = w.call(Method::kGet, "/api/v1/branding", "");
  REQUIRE(r.status == 200);
  CHECK(r.json()["productName"] == "Cove");
  CHECK(r.json()["logoUrl"].is_null());
  CHECK(w.call(Method::kGet, "/api/v1/branding/logo", "").status == 404);

  const std::string url = "/api/v1/platform/settings/branding";
  CHECK(w.call(Method::kGet, url, w.reviewer().token).status == 200);
  r = w.call(Method::kPatch, url, w.platform_admin().token, {{"productName", ""}, {"logoSha256", "abc"}});
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("logoSha256":{"code":"unknown_field")") != std::string::npos);
  r = w.call(Method::kPatch, url, w.platform_admin().token,
             {{"productName", "Acme Apps"}, {"loginTitle", "Welcome"}, {"copyright", "© 2024 Acme"}});
  REQUIRE(r.status == 200);

  // Images: who may upload, and what.
  CHECK(put_image(w, "logo", w.platform_admin().token, "GIF89a not allowed").status == 415);
  CHECK(put_image(w, "logo", w.platform_admin().token, std::string(1024 * 1024 + 1, 'x')).status == 413);
  r = put_image(w, "logo", w.platform_admin().token,
                R"j(<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)j");
  CHECK(r.status == 400);
  CHECK(r.json()["code"] == "branding.unsafe_svg");
  CHECK(put_image(w, "logo", w.platform_admin().token,
                  R"j(<svg xmlns="http://www.w3.org/2000/svg"><rect onClick ="steal()"/></svg>)j")
            .status == 400);
  CHECK(put_image(w, "logo", w.platform_admin().token, R"j(<svg/onload=alert(1)>)j").status == 400);

  REQUIRE(put_image(w, "logo", w.platform_admin().token, kPng).status == 200);
  REQUIRE(put_image(w, "favicon", w.platform_admin().token, kIco).status == 200);
  REQUIRE(put_image(w, "loginImage", w.platform_admin().token, kSafeSvg).status == 200);
  CHECK(w.audit_count("settings.branding_updated") == 4);

  r = w.call(Method::kGet, "/api/v1/branding", "");
  const auto branding = r.json();
  CHECK(branding["productName"] == "Acme Apps");
  CHECK(branding["loginTitle"] == "Welcome");
  CHECK(branding["copyright"] == "© 2024 Acme");
  REQUIRE(branding["logoUrl"].is_string());
  const auto logo_url = branding["logoUrl"].get<std::string>();
  CHECK(logo_url.starts_with("/api/v1/branding/logo?v="));

  auto client = w.server.client();
  r = client.get(logo_url);
  REQUIRE(r.status == 200);
  CHECK(r.body == kPng);
  CHECK(r.headers.get("Content-Type") == "image/png");
  CHECK(r.headers.get("Cache-Control") == "public, max-age=31536000, immutable");
  const auto etag = std::string(*r.headers.get("ETag"));
  http::Headers conditional;
  conditional.set("If-None-Match", etag);
  r = client.request(Method::kGet, "/api/v1/branding/logo", conditional);
  CHECK(r.status == 304);
  CHECK(r.body.empty());

  r = client.get(branding["faviconUrl"].get<std::string>());
  CHECK(r.headers.get("Content-Type") == "image/x-icon");
  r = client.get(branding["loginImageUrl"].get<std::string>());
  CHECK(r.headers.get("Content-Type") == "image/svg+xml");
  CHECK(r.body == kSafeSvg);
  // Served SVGs may not run anything even if one slipped through.
  CHECK(r.headers.get("Content-Security-Policy")->find("default-src 'none'") != std::string_view::npos);

  // Back to the built-in logo.
  r = w.call(Method::kDelete, url + "/logo", w.platform_admin().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["logoUrl"].is_null());
  CHECK(w.call(Method::kGet, "/api/v1/branding/logo", "").status == 404);
}
