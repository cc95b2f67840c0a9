// The OAuth flow end to end through the HTTP API (issue 20): a host app vouches for its user, the
// mini-program's back end exchanges the code, refreshes, calls userinfo, introspects and revokes;
// every rule's refusal is the RFC 6749 error JSON with the code a client library acts on.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "oauth_steps.hpp"
#include "support/manual_clock.hpp"

using namespace cove;
using cove::http::Method;

namespace {

test::World oauth_world(test::TestServerOptions options = {}) {
  return test::given(std::move(options)) | test::org("A").owner().developer() | test::operators() |
         test::app("Weather").released("1.0.0") | test::host_app("Wallet").serving("Weather") |
         test::oauth_client("Weather").scopes({"basic", "phone"});
}

std::string error_of(const http::ClientResponse& r) {
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("error") ? j["error"].get<std::string>() : "";
}

http::ClientResponse exchange(test::World& w, const test::OauthClientHandle& c, const std::string& code,
                              const test::Pkce& pkce, const std::string& redirect = test::kRedirect) {
  return test::form_post(w, "/oauth/token", c,
                         {{"grant_type", "authorization_code"},
                          {"code", code},
                          {"redirect_uri", redirect},
                          {"code_verifier", pkce.verifier}});
}

http::ClientResponse bearer_get(test::World& w, const std::string& path, const std::string& token) {
  http::Headers h;
  h.set("Authorization", "Bearer " + token);
  return w.server.client().request(Method::kGet, path, h);
}

}  // namespace

TEST_CASE("the code flow: authorize, exchange, userinfo, refresh with rotation, revoke", "[api][oauth]") {
  auto w = oauth_world();
  const auto client = w.state<test::OauthHandles>().clients.at("Weather");
  const auto pkce = test::new_pkce();

  // 302 to the redirect URI with the code and the state unchanged.
  test::AuthorizeParams redirect_mode;
  redirect_mode.json = false;
  auto r = test::authorize_call(w, "Wallet", "Weather", pkce, redirect_mode);
  REQUIRE(r.status == 302);
  const auto location = std::string(r.headers.get("Location").value_or(""));
  CHECK(location.starts_with(std::string(test::kRedirect) + "?code="));
  CHECK(location.ends_with("&state=xyz-state"));

  const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
  r = exchange(w, client, code, pkce);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.headers.get("Cache-Control") == "no-store");
  auto tokens = r.json();
  CHECK(tokens["token_type"] == "Bearer");
  CHECK(tokens["expires_in"] == 600);
  CHECK(tokens["scope"] == "basic");
  const auto access = tokens["access_token"].get<std::string>();
  const auto refresh = tokens["refresh_token"].get<std::string>();

  r = bearer_get(w, "/oauth/userinfo", access);
  REQUIRE(r.status == 200);
  CHECK(r.json()["uid"] == "u-1001");
  CHECK(r.json()["wallet_address"] == "0xabc");
  CHECK(!r.json().contains("phone_number"));  // not granted

  r = test::form_post(w, "/oauth/introspect", client, {{"token", access}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["active"] == true);
  CHECK(r.json()["client_id"] == client.client_id);

  // Refresh: a new pair; the old refresh token is spent.
  r = test::form_post(w, "/oauth/token", client, {{"grant_type", "refresh_token"}, {"refresh_token", refresh}},
                      false);
  REQUIRE(r.status == 200);
  const auto refreshed = r.json();
  CHECK(refreshed["refresh_token"] != refresh);
  CHECK(refreshed["access_token"] != access);

  // Revoking the new access token ends its family: the refresh token and both access tokens.
  r = test::form_post(w, "/oauth/revoke", client, {{"token", refreshed["access_token"].get<std::string>()}});
  CHECK(r.status == 200);
  r = test::form_post(w, "/oauth/token", client,
                      {{"grant_type", "refresh_token"}, {"refresh_token", refreshed["refresh_token"].get<std::string>()}});
  CHECK(r.status == 400);
  CHECK(error_of(r) == "invalid_grant");
  r = test::form_post(w, "/oauth/introspect", client, {{"token", access}});
  CHECK(r.json()["active"] == false);
  r = bearer_get(w, "/oauth/userinfo", access);
  CHECK(r.status == 401);
  CHECK(error_of(r) == "invalid_token");

  // Issuance is counted, never logged per user.
  CHECK(w.audit_count("oauth.token_issued") == 0);
  const auto metrics = w.server.client().get("/metrics").body;
  CHECK(metrics.find("cove_oauth_issued_total{kind=\"token\"} 2") != std::string::npos);
}

TEST_CASE("a refresh token used twice revokes its whole family", "[api][oauth]") {
  auto w = oauth_world();
  const auto client = w.state<test::OauthHandles>().clients.at("Weather");
  const auto pkce = test::new_pkce();
  auto r = exchange(w, client, test::oauth_code(w, "Wallet", "Weather", pkce), pkce);
  REQUIRE(r.status == 200);
  const auto first = r.json();
  r = test::form_post(w, "/oauth/token", client,
                      {{"grant_type", "refresh_token"}, {"refresh_token", first["refresh_token"].get<std::string>()}});
  REQUIRE(r.status == 200);
  const auto second = r.json();

  // The stolen copy of the first refresh token is replayed: refused, and the family ends.
  r = test::form_post(w, "/oauth/token", client,
                      {{"grant_type", "refresh_token"}, {"refresh_token", first["refresh_token"].get<std::string>()}});
  CHECK(r.status == 400);
  CHECK(error_of(r) == "invalid_grant");
  r = test::form_post(w, "/oauth/token", client,
                      {{"grant_type", "refresh_token"}, {"refresh_token", second["refresh_token"].get<std::string>()}});
  CHECK(error_of(r) == "invalid_grant");
  r = test::form_post(w, "/oauth/introspect", client, {{"token", second["access_token"].get<std::string>()}});
  CHECK(r.json()["active"] == false);
}

TEST_CASE("every refusal of the token endpoint is an RFC 6749 error", "[api][oauth]") {
  test::ManualClock clock;
  test::TestServerOptions options;
  options.clock = &clock;
  auto w = oauth_world(std::move(options));
  const auto client = w.state<test::OauthHandles>().clients.at("Weather");

  SECTION("wrong code_verifier") {
    const auto pkce = test::new_pkce();
    const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
    auto other = test::new_pkce();
    auto r = exchange(w, client, code, other);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
    CHECK(exchange(w, client, code, pkce).status == 200);  // the code was not spent by the failure
  }
  SECTION("a reused code is refused and revokes what the first use issued") {
    const auto pkce = test::new_pkce();
    const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
    auto r = exchange(w, client, code, pkce);
    REQUIRE(r.status == 200);
    const auto access = r.json()["access_token"].get<std::string>();
    r = exchange(w, client, code, pkce);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
    CHECK(test::form_post(w, "/oauth/introspect", client, {{"token", access}}).json()["active"] == false);
  }
  SECTION("a redirect_uri other than the authorization request's") {
    const auto pkce = test::new_pkce();
    const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
    auto r = exchange(w, client, code, pkce, "https://mp.example.com/other");
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
  }
  SECTION("an expired code (5 minutes)") {
    const auto pkce = test::new_pkce();
    const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
    clock.advance(std::chrono::minutes(5) + std::chrono::seconds(1));
    auto r = exchange(w, client, code, pkce);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
    CHECK(r.json()["error_description"].get<std::string>().find("expired") != std::string::npos);
  }
  SECTION("a wrong client secret") {
    const auto pkce = test::new_pkce();
    const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
    auto wrong = client;
    wrong.secret = "cove_cs_not-the-secret";
    auto r = exchange(w, wrong, code, pkce);
    CHECK(r.status == 401);
    CHECK(error_of(r) == "invalid_client");
    CHECK(r.headers.get("WWW-Authenticate").has_value());
  }
  SECTION("no client authentication, an unknown grant type, a JSON body") {
    http::Headers h;
    h.set("Content-Type", "application/x-www-form-urlencoded");
    auto r = w.server.client().request(Method::kPost, "/oauth/token", h, "grant_type=authorization_code&code=x");
    CHECK(r.status == 401);
    CHECK(error_of(r) == "invalid_client");
    r = test::form_post(w, "/oauth/token", client, {{"grant_type", "password"}});
    CHECK(error_of(r) == "unsupported_grant_type");
    h.set("Content-Type", "application/json");
    r = w.server.client().request(Method::kPost, "/oauth/token", h, R"({"grant_type":"authorization_code"})");
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_request");
  }
  SECTION("an access token expires with its 10 minutes") {
    const auto pkce = test::new_pkce();
    auto r = exchange(w, client, test::oauth_code(w, "Wallet", "Weather", pkce), pkce);
    REQUIRE(r.status == 200);
    const auto access = r.json()["access_token"].get<std::string>();
    CHECK(bearer_get(w, "/oauth/userinfo", access).status == 200);
    clock.advance(std::chrono::minutes(10) + std::chrono::seconds(1));
    CHECK(bearer_get(w, "/oauth/userinfo", access).status == 401);
  }
}

TEST_CASE("the authorization endpoint's rules", "[api][oauth]") {
  auto w = oauth_world();
  const auto pkce = test::new_pkce();

  SECTION("a scope operators did not allow is refused, sent back to the client") {
    test::AuthorizeParams p;
    p.scope = "basic email";
    auto r = test::authorize_call(w, "Wallet", "Weather", pkce, p);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_scope");
    p.json = false;
    r = test::authorize_call(w, "Wallet", "Weather", pkce, p);
    CHECK(r.status == 302);
    CHECK(std::string(r.headers.get("Location").value_or("")).find("error=invalid_scope") != std::string::npos);
  }
  SECTION("phone needs the host app's confirmation") {
    test::AuthorizeParams p;
    p.scope = "basic phone";
    p.user = {{"uid", "u-1"}, {"phone", "+8613800000000"}};
    CHECK(error_of(test::authorize_call(w, "Wallet", "Weather", pkce, p)) == "access_denied");
    p.user["confirmed"] = {"phone"};
    CHECK(test::authorize_call(w, "Wallet", "Weather", pkce, p).status == 200);
  }
  SECTION("PKCE plain is refused") {
    test::AuthorizeParams p;
    p.method = "plain";
    p.challenge = pkce.verifier;
    auto r = test::authorize_call(w, "Wallet", "Weather", pkce, p);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_request");
  }
  SECTION("a redirect URI not registered exactly is never redirected to") {
    test::AuthorizeParams p;
    p.redirect_uri = std::string(test::kRedirect) + "/";
    p.json = false;
    auto r = test::authorize_call(w, "Wallet", "Weather", pkce, p);
    CHECK(r.status == 400);
    CHECK(!r.headers.get("Location").has_value());
    CHECK(error_of(r) == "invalid_request");
  }
  SECTION("a taken-down mini-program gets no codes and no tokens") {
    const auto client = w.state<test::OauthHandles>().clients.at("Weather");
    const auto code = test::oauth_code(w, "Wallet", "Weather", pkce);
    REQUIRE(w.call(Method::kPost, "/api/v1/platform/apps/" + w.app("Weather").id + "/takedown", w.reviewer().token,
                   {{"reason", "Phishing"}})
                .status == 200);
    auto r = exchange(w, client, code, pkce);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "unauthorized_client");
    r = test::authorize_call(w, "Wallet", "Weather", pkce);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "unauthorized_client");
  }
  SECTION("the user header is covered by the signature") {
    const auto& host = w.host_app("Wallet");
    const std::string target = "/oauth/authorize?response_type=code&client_id=" + w.app("Weather").id;
    test::SignOptions o;
    o.extra.set("X-Cove-User", test::encode_user({{"uid", "someone-else"}}));
    auto r = w.server.client().request(Method::kGet, target, test::sign("GET", target, host, o));
    CHECK(r.status == 401);
    CHECK(error_of(r) == "access_denied");
    CHECK(r.json()["code"] == "runtime.bad_signature");
  }
}

TEST_CASE("host apps list and revoke their users' authorizations", "[api][oauth][runtime]") {
  auto w = oauth_world();
  const auto client = w.state<test::OauthHandles>().clients.at("Weather");
  const auto pkce = test::new_pkce();
  auto r = exchange(w, client, test::oauth_code(w, "Wallet", "Weather", pkce), pkce);
  REQUIRE(r.status == 200);
  const auto refresh = r.json()["refresh_token"].get<std::string>();
  const auto& host = w.host_app("Wallet");

  r = test::runtime_get(w, "/runtime/v1/oauth/scopes?appId=" + client.client_id, host);
  REQUIRE(r.status == 200);
  CHECK(r.json()["scopes"].size() == 2);
  CHECK(r.json()["scopes"][0]["description"]["zh-CN"] == "获取你的用户标识和钱包地址");

  r = test::runtime_get(w, "/runtime/v1/oauth/authorizations?uid=u-1001", host);
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["items"].size() == 1);
  CHECK(r.json()["items"][0]["appName"] == "Weather");
  CHECK(r.json()["items"][0]["lastUsedAt"].is_string());

  auto org = w.call(Method::kGet, "/api/v1/apps/" + client.client_id + "/oauth", w.org("A").developer().token);
  CHECK(org.json()["activeAuthorizations"] == 1);

  const std::string del = "/runtime/v1/oauth/authorizations?uid=u-1001";
  r = w.server.client().request(Method::kDelete, del, test::sign("DELETE", del, host));
  REQUIRE(r.status == 200);
  CHECK(r.json()["revoked"] == 1);
  r = test::form_post(w, "/oauth/token", client, {{"grant_type", "refresh_token"}, {"refresh_token", refresh}});
  CHECK(error_of(r) == "invalid_grant");
  CHECK(test::runtime_get(w, "/runtime/v1/oauth/authorizations?uid=u-1001", host).json()["items"].empty());
  org = w.call(Method::kGet, "/api/v1/apps/" + client.client_id + "/oauth", w.org("A").developer().token);
  CHECK(org.json()["activeAuthorizations"] == 0);
}

TEST_CASE("metadata and keys: RFC 8414 document, JWKS across a rotation", "[api][oauth]") {
  auto w = oauth_world();
  auto r = w.server.client().get("/.well-known/oauth-authorization-server");
  REQUIRE(r.status == 200);
  const auto meta = r.json();
  CHECK(meta["token_endpoint"] == meta["issuer"].get<std::string>() + "/oauth/token");
  CHECK(meta["code_challenge_methods_supported"] == nlohmann::json::array({"S256"}));

  r = w.server.client().get("/oauth/jwks.json");
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["keys"].size() == 1);
  const auto old_kid = r.json()["keys"][0]["kid"];

  const auto client = w.state<test::OauthHandles>().clients.at("Weather");
  const auto pkce = test::new_pkce();
  r = exchange(w, client, test::oauth_code(w, "Wallet", "Weather", pkce), pkce);
  const auto access = r.json()["access_token"].get<std::string>();

  r = w.call(Method::kPost, "/api/v1/platform/oauth/signing-keys", w.platform_admin().token);
  REQUIRE(r.status == 201);
  CHECK(r.json()["kid"] != old_kid);
  CHECK(w.audit_count("oauth.signing_key_rotated") == 1);
  r = w.server.client().get("/oauth/jwks.json");
  CHECK(r.json()["keys"].size() == 2);  // the old key verifies the tokens it signed until they expire
  CHECK(bearer_get(w, "/oauth/userinfo", access).status == 200);
}
