// The OAuth configuration API (issue 20): the organisation's client settings and secret, and the
// operators' allowed scopes, with their validation and operation-log entries.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/crypto.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("OAuth settings: defaults, validation, secret shown once", "[api][oauth]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0");
  const auto id = w.app("Weather").id;
  const auto url = "/api/v1/apps/" + id + "/oauth";
  const auto& dev = w.org("A").developer();

  auto r = w.call(Method::kGet, url, dev.token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["enabled"] == false);
  CHECK(r.json()["allowedScopes"] == nlohmann::json::array({"basic"}));
  CHECK(r.json()["hasSecret"] == false);

  r = w.call(Method::kPut, url, dev.token,
             {{"enabled", true},
              {"redirectUris", {"http://mp.example.com/cb", "https://mp.example.com/cb#x", "https://u:p@mp.example.com/"}},
              {"scopes", {"basic", "wallet"}}});
  REQUIRE(r.status == 400);
  const auto fields = r.json()["details"]["fields"];
  CHECK(fields["redirectUris[0]"]["code"] == "https_required");
  CHECK(fields["redirectUris[1]"]["code"] == "fragment_not_allowed");
  CHECK(fields["redirectUris[2]"]["code"] == "credentials_in_url");
  CHECK(fields["scopes[1]"]["code"] == "unknown_scope");
  CHECK(w.audit_count("oauth.client_updated") == 0);

  r = w.call(Method::kPut, url, dev.token, {{"enabled", true}, {"redirectUris", nlohmann::json::array()}, {"scopes", {"basic"}}});
  CHECK(r.status == 400);
  CHECK(r.json()["details"]["fields"]["redirectUris"]["code"] == "required");

  r = w.call(Method::kPut, url, dev.token,
             {{"enabled", true}, {"redirectUris", {"https://mp.example.com/cb"}}, {"scopes", {"basic", "phone"}}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["scopes"] == nlohmann::json::array({"basic", "phone"}));
  CHECK(w.audit_count("oauth.client_updated", id) == 1);

  r = w.call(Method::kPost, url + "/secret", dev.token);
  REQUIRE(r.status == 201);
  const auto secret = r.json()["clientSecret"].get<std::string>();
  CHECK(secret.starts_with("cove_cs_"));
  CHECK(w.audit_count("oauth.secret_created", id) == 1);
  r = w.call(Method::kGet, url, dev.token);
  CHECK(r.json()["hasSecret"] == true);
  CHECK(r.body.find(secret) == std::string::npos);
  r = w.call(Method::kPost, url + "/secret", dev.token);
  REQUIRE(r.status == 201);
  CHECK(r.json()["clientSecret"] != secret);
  CHECK(w.audit_count("oauth.secret_rotated", id) == 1);

  // Operators allow scopes; the organisation's list marks what is allowed.
  r = w.call(Method::kPut, "/api/v1/platform/apps/" + id + "/oauth-scopes", w.reviewer().token,
             {{"scopes", {"basic", "phone"}}});
  REQUIRE(r.status == 200);
  CHECK(w.audit_count("oauth.scopes_allowed", id) == 1);
  r = w.call(Method::kPut, "/api/v1/platform/apps/" + id + "/oauth-scopes", w.reviewer().token,
             {{"scopes", {"everything"}}});
  CHECK(r.status == 400);
  r = w.call(Method::kPut, "/api/v1/platform/apps/app_doesnotexist00000000000/oauth-scopes", w.reviewer().token,
             {{"scopes", {"basic"}}});
  CHECK(r.status == 404);
}
