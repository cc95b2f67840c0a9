#pragma once
// The OAuth 2.1 authorization-code flow with PKCE for mini-programs (issue 20): the host app
// vouches for its signed-in user at the authorization endpoint; the mini-program's back end
// exchanges the code and refreshes at the token endpoint; access tokens are RFC 9068 JWTs.
// Rules: S256 only, exact redirect-URI match, single-use 5-minute codes (a second use revokes what
// the first issued), refresh tokens rotated with reuse detection (reuse revokes the family), only
// scopes the organisation requests and operators allow, and nothing for a mini-program that is
// not online or a host app that is disabled.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/metrics.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/host_app_status.hpp"
#include "modules/oauth/client_service.hpp"
#include "modules/oauth/grant_model.hpp"
#include "modules/oauth/key_ring.hpp"
#include "modules/oauth/oauth_error.hpp"

namespace cove::oauth {

inline constexpr std::int64_t kCodeLifeMs = 5 * 60 * 1000;

struct FlowOptions {
  std::int64_t access_token_seconds = 600;
  std::int64_t refresh_token_seconds = 30LL * 24 * 3600;
};

struct AuthorizeInput {
  std::string response_type, client_id, redirect_uri, scope, state, code_challenge, code_challenge_method;
};

// An error the authorization endpoint may send back to the client's redirect URI (RFC 6749
// §4.1.2.1): the client and its redirect URI were valid.
class RedirectableError : public OAuthError {
 public:
  RedirectableError(OAuthError e, std::string redirect_uri, std::string state)
      : OAuthError(std::move(e)), redirect_uri_(std::move(redirect_uri)), state_(std::move(state)) {}
  const std::string& redirect_uri() const { return redirect_uri_; }
  const std::string& state() const { return state_; }

 private:
  std::string redirect_uri_, state_;
};

struct IssuedCode {
  std::string code, state, redirect_uri;
};

// What the token endpoint answers (RFC 6749 §5.1).
struct TokenAnswer {
  std::string access_token, refresh_token, scope;
  std::int64_t expires_in = 0;
};

// A verified access token and the state of its family (RFC 7662 `active`).
struct TokenInfo {
  bool active = false;
  nlohmann::json claims;
  Grant grant;
};

class FlowService {
 public:
  FlowService(core::Db& db, const core::Clock& clock, const apps::AppsApi& apps, const apps::HostAppStatus& hosts,
              const KeyRing& keys, core::Counter& issued_codes, core::Counter& issued_tokens, FlowOptions options)
      : db_(db), clock_(clock), apps_(apps), hosts_(hosts), keys_(keys), issued_codes_(issued_codes),
        issued_tokens_(issued_tokens), options_(options) {}

  // The host app `host_app_id` (already verified) asks a code for its user.
  IssuedCode authorize(const std::string& host_app_id, const VouchedUser& user, const AuthorizeInput& in);

  TokenAnswer exchange_code(const Client& client, const std::string& issuer, const std::string& code,
                            const std::string& redirect_uri, const std::string& code_verifier);
  TokenAnswer refresh(const Client& client, const std::string& issuer, const std::string& refresh_token,
                      const std::optional<std::string>& scope);
  // RFC 7009: revokes the token's family when it is this client's; unknown tokens are ignored.
  void revoke(const Client& client, const std::string& token);
  // RFC 7662 for the client's own tokens; inactive for anything else.
  nlohmann::json introspect(const Client& client, const std::string& token);
  // A live access token's claims and family, or OAuthError invalid_token.
  TokenInfo check_access_token(const std::string& token) const;
  // The claims /oauth/userinfo answers for a verified token.
  static nlohmann::json userinfo(const TokenInfo& info);

  // Host apps: their user's authorizations, and revoking them.
  std::vector<Authorization> authorizations(const std::string& host_app_id, const std::string& uid) const;
  int revoke_authorizations(const std::string& host_app_id, const std::string& uid, const std::string& app_id);

 private:
  // Refuses a mini-program that is not online or a host app that is disabled.
  void require_servable(core::Conn& c, const std::string& app_id, const std::string& host_app_id) const;
  TokenAnswer issue(core::Tx& tx, const Grant& grant, const std::string& client_id, const std::string& issuer,
                    std::int64_t now_ms, const std::vector<std::string>& scopes);
  std::optional<TokenInfo> read_access_token(const std::string& token) const;

  core::Db& db_;
  const core::Clock& clock_;
  const apps::AppsApi& apps_;
  const apps::HostAppStatus& hosts_;
  const KeyRing& keys_;
  core::Counter& issued_codes_;
  core::Counter& issued_tokens_;
  FlowOptions options_;
};

// Reads the X-Cove-User header value (base64url JSON); throws OAuthError invalid_request.
VouchedUser parse_vouched_user(std::string_view header);
// Whether a PKCE verifier matches an S256 challenge (RFC 7636 §4.6).
bool pkce_matches(std::string_view verifier, std::string_view challenge);

}  // namespace cove::oauth
