// What users are shown (issue 14, Chainless §2.1, §2.4.3): the runtime answer's `profile` and
// GET /runtime/v1/apps/{appId}/profile carry the trust data — developer, review state, an open
// violation case, the operators' safety notice — served from the catalog; the icon comes from a
// signed route with its hash as ETag.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "review_steps.hpp"
#include "runtime_sdk.hpp"
#include "support/scenario.hpp"
#include "support/world.hpp"

using cove::http::Method;
namespace test = cove::test;

namespace {

std::string png() { return std::string("\x89PNG\r\n\x1a\n", 8) + "profile icon"; }

}  // namespace

TEST_CASE("the runtime profile shows the trust data, the review state, open cases and the safety notice",
          "[api][review][profile]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0") | test::host_app("Super App").serving("Weather");
  const auto& host = w.host_app("Super App");
  const auto app = w.app("Weather").id;
  const auto profile_url = fmt::format("/runtime/v1/apps/{}/profile", app);
  auto& a = w.org("A");

  // The organisation's data users will read, and an icon.
  REQUIRE(w.call(Method::kPatch, "/api/v1/apps/" + app, a.developer().token,
                 {{"summary", "Local weather"}, {"repositoryUrl", "https://github.com/example/weather"},
                  {"securityRating", "A"}})
              .status == 200);
  auto headers = test::bearer(a.developer().token);
  headers.set("Content-Type", "image/png");
  REQUIRE(w.server.client().request(Method::kPut, "/api/v1/apps/" + app + "/icon", headers, png()).status == 200);
  // The operators' first-use safety notice: a settings change that rebuilds the catalog.
  auto put = w.call(Method::kPut, "/api/v1/platform/review-settings", w.platform_admin().token,
                    {{"safetyNotice", "请勿向任何小程序透露助记词"}});
  REQUIRE(put.status == 200);
  CHECK(put.json()["safetyNotice"] == "请勿向任何小程序透露助记词");
  CHECK(w.event_count("review.settings_updated") == 1);

  auto r = test::await_runtime(w, profile_url, host, 200, "助记词");
  INFO(r.body);
  REQUIRE(r.status == 200);
  auto p = r.json();
  CHECK(p["appId"] == app);
  CHECK(p["developer"] == "Org A");
  CHECK(p["summary"] == "Local weather");
  CHECK(p["repositoryUrl"] == "https://github.com/example/weather");
  CHECK(p["securityRating"] == "A");
  CHECK(p["version"] == "1.0.0");
  CHECK(p["review"]["status"] == "approved");
  CHECK(p["violation"].is_null());
  CHECK(p["auditCertificate"].is_null());
  CHECK(p["iconUrl"] == fmt::format("/runtime/v1/apps/{}/icon", app));
  // The same object is part of the answer the SDK asks for on every launch.
  CHECK(test::runtime_get(w, "/runtime/v1/apps/" + app, host).json()["profile"] == p);
  // ETag / If-None-Match.
  auto o = test::SignOptions{};
  o.extra.set("If-None-Match", std::string(*r.headers.get("ETag")));
  CHECK(test::runtime_get(w, profile_url, host, o).status == 304);

  // The icon, by hash.
  const auto icon = test::runtime_get(w, *p["iconUrl"].get_ptr<const std::string*>(), host);
  REQUIRE(icon.status == 200);
  CHECK(icon.body == png());
  auto cached = test::SignOptions{};
  cached.extra.set("If-None-Match", std::string(*icon.headers.get("ETag")));
  CHECK(test::runtime_get(w, *p["iconUrl"].get_ptr<const std::string*>(), host, cached).status == 304);
  auto none = test::runtime_get(w, fmt::format("/runtime/v1/apps/{}/certificate", app), host);
  CHECK(none.status == 404);
  CHECK(none.body.find("runtime.file_not_found") != std::string::npos);
  // Unsigned: refused.
  CHECK(w.server.client().request(Method::kGet, profile_url).status == 401);

  // A report opens a case: users see it on the profile.
  REQUIRE(test::runtime_post(w, fmt::format("/runtime/v1/apps/{}/reports", app), host,
                             {{"category", "fraud"}, {"text", "Fake airdrop"}, {"uid", "u1"}})
              .status == 202);
  r = test::await_runtime(w, profile_url, host, 200, R"("violation":{)");
  INFO(r.body);
  CHECK(r.json()["violation"]["status"] == "open");
  CHECK(r.json()["violation"]["reportCount"] == 1);
}
