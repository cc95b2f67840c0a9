#pragma once
// OAuth steps for the test world (issue 20): a mini-program configured as an OAuth client
// through the console API — operators allow its scopes, the organisation enables OAuth with a
// redirect URI and creates the client secret — and a host app's signed authorization call.
//
//   test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
//                   test::app("Weather").released("1.0.0") | test::host_app("Wallet").serving("Weather") |
//                   test::oauth_client("Weather").scopes({"basic", "phone"});
//   auto code = test::oauth_code(w, "Wallet", "Weather", {.scope = "basic"});
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "runtime_sdk.hpp"
#include "support/world.hpp"

namespace cove::test {

inline constexpr const char* kRedirect = "https://mp.example.com/oauth/callback";

struct OauthClientHandle {
  std::string client_id, secret;
};
struct OauthHandles {
  std::map<std::string, OauthClientHandle, std::less<>> clients;  // by mini-program name
};

class OauthClientStep {
 public:
  explicit OauthClientStep(std::string app) : app_(std::move(app)) {}
  OauthClientStep& scopes(std::vector<std::string> s) {
    scopes_ = std::move(s);
    return *this;
  }
  void apply(World& w) const {
    const auto& app = w.app(app_);
    auto r = w.call(http::Method::kPut, "/api/v1/platform/apps/" + app.id + "/oauth-scopes", w.reviewer().token,
                    {{"scopes", scopes_}});
    REQUIRE(r.status == 200);
    const auto& org = w.org(app.org_key);
    r = w.call(http::Method::kPut, "/api/v1/apps/" + app.id + "/oauth", org.developer().token,
               {{"enabled", true}, {"redirectUris", {kRedirect}}, {"scopes", scopes_}});
    REQUIRE(r.status == 200);
    r = w.call(http::Method::kPost, "/api/v1/apps/" + app.id + "/oauth/secret", org.developer().token);
    REQUIRE(r.status == 201);
    w.state<OauthHandles>().clients[app_] = {app.id, r.json()["clientSecret"].get<std::string>()};
  }

 private:
  std::string app_;
  std::vector<std::string> scopes_{"basic"};
};
inline OauthClientStep oauth_client(std::string app) { return OauthClientStep(std::move(app)); }

struct Pkce {
  std::string verifier, challenge;
};
inline Pkce new_pkce() {
  Pkce p;
  p.verifier = core::crypto::base64url(core::crypto::random_bytes(32));
  p.challenge = core::crypto::base64url(core::crypto::sha256(p.verifier));
  return p;
}

struct AuthorizeParams {
  std::string client_id;  // default: the mini-program's
  std::string redirect_uri = kRedirect;
  std::string scope = "basic";
  std::string state = "xyz-state";
  std::string challenge;  // default: from `pkce`
  std::string method = "S256";
  std::string response_type = "code";
  nlohmann::json user = {{"uid", "u-1001"}, {"walletAddress", "0xabc"}};
  bool json = true;  // Accept: application/json (200 {code, state}) rather than a 302
};

inline std::string encode_user(const nlohmann::json& user) { return core::crypto::base64url(user.dump()); }

// The host app's signed authorization call; retries while the SDK directory has not yet seen a
// host app created a moment ago.
inline http::ClientResponse authorize_call(World& w, const std::string& host_name, const std::string& app_name,
                                           const Pkce& pkce, AuthorizeParams p = {}) {
  if (p.client_id.empty()) p.client_id = w.app(app_name).id;
  if (p.challenge.empty()) p.challenge = pkce.challenge;
  std::string target = "/oauth/authorize?response_type=" + http::percent_encode(p.response_type) +
                       "&client_id=" + http::percent_encode(p.client_id) +
                       "&redirect_uri=" + http::percent_encode(p.redirect_uri) + "&scope=" + http::percent_encode(p.scope) +
                       "&state=" + http::percent_encode(p.state) + "&code_challenge=" + http::percent_encode(p.challenge) +
                       "&code_challenge_method=" + http::percent_encode(p.method);
  const auto& host = w.host_app(host_name);
  const auto user = encode_user(p.user);
  http::ClientResponse r;
  for (int i = 0; i < 300; ++i) {
    SignOptions o;
    o.extra.set("X-Cove-User", user);
    if (p.json) o.extra.set("Accept", "application/json");
    // The signed string gains "\n" + X-Cove-User: signed here as the body-hash line would be.
    auto headers = sign("GET", target, host, o);
    const auto ts = headers.get("X-Cove-Timestamp").value();
    const auto nonce = headers.get("X-Cove-Nonce").value();
    const auto payload = "GET\n" + target + "\n" + std::string(ts) + "\n" + std::string(nonce) + "\n" + user;
    headers.set("X-Cove-Signature", core::crypto::hex(core::crypto::hmac_sha256(host.secret, payload)));
    r = w.server.client().request(http::Method::kGet, target, headers);
    if (r.body.find("runtime.unknown_sdk_key") == std::string::npos) return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return r;
}

inline std::string oauth_code(World& w, const std::string& host_name, const std::string& app_name, const Pkce& pkce,
                              AuthorizeParams p = {}) {
  const auto r = authorize_call(w, host_name, app_name, pkce, std::move(p));
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json()["code"].get<std::string>();
}

// A form POST to a token-family endpoint, authenticated with client_secret_basic.
inline http::ClientResponse form_post(World& w, const std::string& path, const OauthClientHandle& c,
                                      const std::vector<std::pair<std::string, std::string>>& params,
                                      bool basic = true) {
  std::string body;
  for (const auto& [k, v] : params) {
    if (!body.empty()) body += "&";
    body += k + "=" + http::percent_encode(v);
  }
  http::Headers h;
  h.set("Content-Type", "application/x-www-form-urlencoded");
  if (basic) {
    h.set("Authorization", "Basic " + core::crypto::base64(http::percent_encode(c.client_id) + ":" +
                                                           http::percent_encode(c.secret)));
  } else {
    body += "&client_id=" + http::percent_encode(c.client_id) + "&client_secret=" + http::percent_encode(c.secret);
  }
  return w.server.client().request(http::Method::kPost, path, h, body);
}

}  // namespace cove::test
