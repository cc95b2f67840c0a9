#pragma once
// The OAuth module's mounts (called from OauthModule::register_routes).
#include <string>

#include "http/router.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/oauth/client_service.hpp"
#include "modules/oauth/flow_service.hpp"
#include "modules/oauth/key_ring.hpp"

namespace cove::oauth {

struct OauthServices {
  ClientService& clients;
  FlowService& flow;
  KeyRing& keys;
  const apps::AppsApi& apps;
  std::string public_url;  // http.publicUrl: the issuer when set
  std::int64_t access_token_seconds = 600;
};

// /oauth/authorize, /oauth/token, /oauth/userinfo, /oauth/revoke, /oauth/introspect,
// /oauth/jwks.json and /.well-known/oauth-authorization-server.
void mount_oauth_endpoints(http::Router& router, const OauthServices& s);
// /api/v1/apps/{appId}/oauth, …/oauth/secret, /api/v1/platform/apps/{appId}/oauth-scopes and the
// operators' signing keys.
void mount_client_routes(http::Router& router, const OauthServices& s);
// /runtime/v1/oauth/scopes and /runtime/v1/oauth/authorizations (SDK-signed).
void mount_runtime_oauth_routes(http::Router& router, const OauthServices& s);

// The issuer identifier: http.publicUrl, else the scheme and Host this request came to.
std::string issuer_of(const OauthServices& s, const http::Request& req);

}  // namespace cove::oauth
