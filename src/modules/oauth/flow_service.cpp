#include "modules/oauth/flow_service.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "modules/oauth/client_repo.hpp"
#include "modules/oauth/grant_repo.hpp"
#include "modules/oauth/scope_catalog.hpp"

namespace cove::oauth {

namespace {

bool unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
}

bool visible_text(std::string_view s, std::size_t max) {
  return !s.empty() && s.size() <= max &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c != 0x7f; });
}

std::string token_hash(std::string_view token) { return core::crypto::sha256_hex(token); }

std::string new_token() { return core::crypto::base64url(core::crypto::random_bytes(32)); }

bool has(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// The user claims a grant keeps: only what its scopes release.
nlohmann::json released_claims(const VouchedUser& u, const std::string& host_app_id,
                               const std::vector<std::string>& scopes) {
  nlohmann::json claims = {{"uid", u.uid}, {"hostAppId", host_app_id}};
  if (has(scopes, "basic") && !u.wallet_address.empty()) claims["walletAddress"] = u.wallet_address;
  if (has(scopes, "phone")) claims["phone"] = u.phone;
  if (has(scopes, "email")) claims["email"] = u.email;
  return claims;
}

// `sub`: a host app's uid is only unique within that host app, so the subject names both.
std::string subject_of(const Grant& g) { return g.host_app_id + ":" + g.uid; }

std::vector<std::string> intersect(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& s : a) {
    if (has(b, s)) out.push_back(s);
  }
  return out;
}

}  // namespace

bool pkce_matches(std::string_view verifier, std::string_view challenge) {
  if (verifier.size() < 43 || verifier.size() > 128 || !std::all_of(verifier.begin(), verifier.end(), unreserved)) {
    return false;
  }
  return core::crypto::constant_time_equal(core::crypto::base64url(core::crypto::sha256(verifier)), challenge);
}

VouchedUser parse_vouched_user(std::string_view header) {
  if (header.empty() || header.size() > 4096) {
    throw invalid_request("X-Cove-User is required: base64url of {uid, walletAddress?, phone?, email?, confirmed?}");
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(core::crypto::from_base64url(header));
  } catch (const std::exception&) {
    throw invalid_request("X-Cove-User is not base64url-encoded JSON");
  }
  if (!doc.is_object()) throw invalid_request("X-Cove-User must be a JSON object");
  VouchedUser u;
  for (const auto& [key, value] : doc.items()) {
    if (key == "confirmed") {
      if (!value.is_array() || value.size() > 2) throw invalid_request("X-Cove-User confirmed: [\"phone\", \"email\"]");
      for (const auto& v : value) {
        if (v == "phone") {
          u.phone_confirmed = true;
        } else if (v == "email") {
          u.email_confirmed = true;
        } else {
          throw invalid_request("X-Cove-User confirmed may hold \"phone\" and \"email\"");
        }
      }
      continue;
    }
    std::string* field = key == "uid"             ? &u.uid
                         : key == "walletAddress" ? &u.wallet_address
                         : key == "phone"         ? &u.phone
                         : key == "email"         ? &u.email
                                                  : nullptr;
    if (field == nullptr) throw invalid_request(fmt::format("X-Cove-User has an unknown member: {}", key.substr(0, 40)));
    const std::size_t max = key == "uid" || key == "walletAddress" ? 128 : key == "phone" ? 32 : 254;
    if (!value.is_string() || !visible_text(value.get<std::string>(), max)) {
      throw invalid_request(fmt::format("X-Cove-User {} must be a string of 1 to {} characters", key, max));
    }
    *field = value.get<std::string>();
  }
  if (u.uid.empty()) throw invalid_request("X-Cove-User must name the user: uid");
  if (!u.email.empty() && u.email.find('@') == std::string::npos) throw invalid_request("X-Cove-User email is not an address");
  return u;
}

void FlowService::require_servable(core::Conn& c, const std::string& app_id, const std::string& host_app_id) const {
  const auto subject = apps_.case_subject(c, app_id);
  if (!subject || subject->status != "online") {
    throw unauthorized_client("This mini-program is not online (taken down, offline or never released)");
  }
  if (!hosts_.host_app_active(host_app_id)) throw unauthorized_client("The host app is disabled");
}

IssuedCode FlowService::authorize(const std::string& host_app_id, const VouchedUser& user, const AuthorizeInput& in) {
  const auto now = clock_.unix_millis();
  return db_.write([&](core::Tx& tx) {
    // Until the client and its redirect URI are known good, errors go to the caller, never to a
    // URI (RFC 6749 §4.1.2.1: no open redirector).
    const auto client = in.client_id.empty() || in.client_id.size() > 64 ? std::nullopt
                                                                          : client_repo::find(tx, in.client_id);
    if (!client || !client->enabled) throw invalid_request("Unknown client_id, or OAuth is not enabled for it");
    if (in.redirect_uri.empty() || !has(client->redirect_uris, in.redirect_uri)) {
      throw invalid_request("redirect_uri must be one of the mini-program's registered URIs, exactly");
    }
    const auto fail = [&](OAuthError e) { return RedirectableError(std::move(e), in.redirect_uri, in.state); };
    if (in.state.size() > 500) throw fail(invalid_request("state is longer than 500 characters"));
    if (in.response_type != "code") {
      throw fail(OAuthError(400, "unsupported_response_type", "response_type must be code"));
    }
    if (in.code_challenge_method != "S256") {
      throw fail(invalid_request("PKCE is required: code_challenge_method=S256 (plain is refused)"));
    }
    if (in.code_challenge.size() != 43 ||
        !std::all_of(in.code_challenge.begin(), in.code_challenge.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; })) {
      throw fail(invalid_request("code_challenge must be the base64url SHA-256 of the verifier (43 characters)"));
    }
    std::vector<std::string> scopes;
    if (in.scope.size() > 200 || !parse_scope_list(in.scope, scopes)) throw fail(invalid_scope("Unknown scope"));
    const auto grantable = client->grantable_scopes();
    if (scopes.empty()) scopes.push_back("basic");
    if (!scopes_within(scopes, grantable)) {
      throw fail(invalid_scope(fmt::format("This mini-program may request: {}", join_scopes(grantable))));
    }
    if (has(scopes, "phone") && (user.phone.empty() || !user.phone_confirmed)) {
      throw fail(OAuthError(400, "access_denied", "The user has not confirmed sharing their phone number"));
    }
    if (has(scopes, "email") && (user.email.empty() || !user.email_confirmed)) {
      throw fail(OAuthError(400, "access_denied", "The user has not confirmed sharing their e-mail address"));
    }
    try {
      require_servable(tx, client->app_id, host_app_id);
      if (!apps_.serves(tx, host_app_id, client->app_id)) throw unauthorized_client("The host app does not run this mini-program");
    } catch (OAuthError& e) {
      throw fail(std::move(e));
    }

    Authorization a;
    a.app_id = client->app_id;
    a.org_id = client->org_id;
    a.host_app_id = host_app_id;
    a.uid = user.uid;
    a.scopes = scopes;
    a.updated_ms = now;
    Grant g;
    g.id = core::new_id("ogr");
    g.authorization_id = grant_repo::upsert_authorization(tx, a);
    g.app_id = client->app_id;
    g.scopes = scopes;
    g.claims = released_claims(user, host_app_id, scopes);
    grant_repo::insert_grant(tx, g, now);
    IssuedCode issued{.code = new_token(), .state = in.state, .redirect_uri = in.redirect_uri};
    grant_repo::insert_code(tx, token_hash(issued.code),
                            {.grant_id = g.id,
                             .redirect_uri = in.redirect_uri,
                             .code_challenge = in.code_challenge,
                             .expires_ms = now + kCodeLifeMs});
    issued_codes_.inc();
    return issued;
  });
}

TokenAnswer FlowService::issue(core::Tx& tx, const Grant& grant, const std::string& client_id,
                               const std::string& issuer, std::int64_t now_ms,
                               const std::vector<std::string>& scopes) {
  const auto now_s = now_ms / 1000;
  const nlohmann::json claims = {{"iss", issuer},
                                 {"sub", subject_of(grant)},
                                 {"aud", issuer},
                                 {"client_id", client_id},
                                 {"iat", now_s},
                                 {"exp", now_s + options_.access_token_seconds},
                                 {"jti", core::crypto::base64url(core::crypto::random_bytes(16))},
                                 {"scope", join_scopes(scopes)},
                                 {"sid", grant.id}};
  TokenAnswer answer;
  answer.access_token = keys_.sign(claims);
  answer.refresh_token = new_token();
  answer.expires_in = options_.access_token_seconds;
  answer.scope = join_scopes(scopes);
  grant_repo::insert_refresh(tx, token_hash(answer.refresh_token), grant.id, now_ms,
                             now_ms + options_.refresh_token_seconds * 1000);
  grant_repo::touch_authorization(tx, grant.authorization_id, now_ms);
  issued_tokens_.inc();
  return answer;
}

TokenAnswer FlowService::exchange_code(const Client& client, const std::string& issuer, const std::string& code,
                                       const std::string& redirect_uri, const std::string& code_verifier) {
  if (!client.enabled) throw unauthorized_client("OAuth is disabled for this mini-program");
  if (code.empty()) throw invalid_request("code is required");
  if (redirect_uri.empty()) throw invalid_request("redirect_uri is required");
  if (code_verifier.empty()) throw invalid_request("code_verifier is required (PKCE)");
  const auto now = clock_.unix_millis();
  const auto hash = token_hash(code);
  bool reused = false;
  auto answer = db_.write([&](core::Tx& tx) -> TokenAnswer {
    const auto record = code.size() <= 128 ? grant_repo::find_code(tx, hash) : std::nullopt;
    const auto grant = record ? grant_repo::find_grant(tx, record->grant_id) : std::nullopt;
    if (!record || !grant || grant->app_id != client.app_id) throw invalid_grant("Unknown authorization code");
    if (record->used_ms != 0 || !grant_repo::use_code(tx, hash, now)) {
      // A second use: whoever holds the code may have stolen it, so the tokens the first use
      // issued stop working too (RFC 6749 §4.1.2). Committed before the refusal is answered.
      grant_repo::revoke_grant(tx, grant->id, "code_reuse", now);
      reused = true;
      return {};
    }
    if (record->expires_ms <= now) throw invalid_grant("The authorization code has expired (codes live 5 minutes)");
    if (record->redirect_uri != redirect_uri) throw invalid_grant("redirect_uri differs from the authorization request");
    if (!pkce_matches(code_verifier, record->code_challenge)) {
      throw invalid_grant("code_verifier does not match the code_challenge");
    }
    if (!grant->live()) throw invalid_grant("The authorization was revoked");
    require_servable(tx, client.app_id, grant->host_app_id);
    return issue(tx, *grant, client.app_id, issuer, now, intersect(grant->scopes, client.grantable_scopes()));
  });
  if (reused) throw invalid_grant("The authorization code was already used; the tokens it gave are revoked");
  return answer;
}

TokenAnswer FlowService::refresh(const Client& client, const std::string& issuer, const std::string& refresh_token,
                                 const std::optional<std::string>& scope) {
  if (!client.enabled) throw unauthorized_client("OAuth is disabled for this mini-program");
  if (refresh_token.empty()) throw invalid_request("refresh_token is required");
  std::vector<std::string> narrowed;
  if (scope && !parse_scope_list(*scope, narrowed)) throw invalid_scope("Unknown scope");
  const auto now = clock_.unix_millis();
  const auto hash = token_hash(refresh_token);
  bool reused = false;
  auto answer = db_.write([&](core::Tx& tx) -> TokenAnswer {
    const auto record = refresh_token.size() <= 128 ? grant_repo::find_refresh(tx, hash) : std::nullopt;
    const auto grant = record ? grant_repo::find_grant(tx, record->grant_id) : std::nullopt;
    if (!record || !grant || grant->app_id != client.app_id) throw invalid_grant("Unknown refresh token");
    if (record->used_ms != 0 || !grant_repo::use_refresh(tx, hash, now)) {
      // Reuse of a rotated token: one of its holders is not the client, so the family ends.
      grant_repo::revoke_grant(tx, grant->id, "refresh_reuse", now);
      reused = true;
      return {};
    }
    if (record->expires_ms <= now) throw invalid_grant("The refresh token has expired");
    if (!grant->live()) throw invalid_grant("The authorization was revoked");
    require_servable(tx, client.app_id, grant->host_app_id);
    auto scopes = intersect(grant->scopes, client.grantable_scopes());
    if (scope) {
      if (!scopes_within(narrowed, scopes)) throw invalid_scope("A refresh may only narrow the granted scopes");
      scopes = narrowed;
    }
    return issue(tx, *grant, client.app_id, issuer, now, scopes);
  });
  if (reused) throw invalid_grant("The refresh token was already used; every token of this grant is revoked");
  return answer;
}

std::optional<TokenInfo> FlowService::read_access_token(const std::string& token) const {
  auto claims = keys_.verify(token, clock_.unix_seconds());
  if (!claims || !claims->contains("sid") || !(*claims)["sid"].is_string()) return std::nullopt;
  const auto sid = (*claims)["sid"].get<std::string>();
  auto grant = db_.read([&](core::Conn& c) { return grant_repo::find_grant(c, sid); });
  if (!grant) return std::nullopt;
  return TokenInfo{.active = grant->live(), .claims = std::move(*claims), .grant = std::move(*grant)};
}

void FlowService::revoke(const Client& client, const std::string& token) {
  if (token.empty()) throw invalid_request("token is required");
  if (token.size() > 8192) return;
  const auto now = clock_.unix_millis();
  std::string grant_id;
  if (token.find('.') == std::string::npos) {
    const auto record = db_.read([&](core::Conn& c) { return grant_repo::find_refresh(c, token_hash(token)); });
    if (record) grant_id = record->grant_id;
  } else if (const auto info = read_access_token(token)) {
    grant_id = info->grant.id;
  }
  if (grant_id.empty()) return;  // RFC 7009 §2.2: an invalid token is not an error
  db_.write([&](core::Tx& tx) {
    const auto grant = grant_repo::find_grant(tx, grant_id);
    if (grant && grant->app_id == client.app_id) grant_repo::revoke_grant(tx, grant_id, "client", now);
  });
}

nlohmann::json FlowService::introspect(const Client& client, const std::string& token) {
  if (token.empty()) throw invalid_request("token is required");
  const nlohmann::json inactive = {{"active", false}};
  if (token.size() > 8192) return inactive;
  if (token.find('.') == std::string::npos) {
    const auto now = clock_.unix_millis();
    return db_.read([&](core::Conn& c) -> nlohmann::json {
      const auto record = grant_repo::find_refresh(c, token_hash(token));
      const auto grant = record ? grant_repo::find_grant(c, record->grant_id) : std::nullopt;
      if (!grant || grant->app_id != client.app_id || !grant->live() || record->used_ms != 0 ||
          record->expires_ms <= now) {
        return inactive;
      }
      return {{"active", true},       {"client_id", client.app_id},      {"scope", join_scopes(grant->scopes)},
              {"sub", subject_of(*grant)}, {"exp", record->expires_ms / 1000}, {"token_type", "refresh_token"}};
    });
  }
  const auto info = read_access_token(token);
  if (!info || !info->active || info->claims.value("client_id", "") != client.app_id) return inactive;
  nlohmann::json out = {{"active", true}, {"token_type", "Bearer"}};
  for (const char* k : {"scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti"}) {
    if (info->claims.contains(k)) out[k] = info->claims[k];
  }
  return out;
}

TokenInfo FlowService::check_access_token(const std::string& token) const {
  auto info = read_access_token(token);
  if (!info || !info->active) throw invalid_token("The access token is invalid, expired or revoked");
  db_.read([&](core::Conn& c) {
    try {
      require_servable(c, info->grant.app_id, info->grant.host_app_id);
    } catch (const OAuthError&) {
      throw invalid_token("The mini-program or host app of this token may no longer be served");
    }
  });
  return *info;
}

nlohmann::json FlowService::userinfo(const TokenInfo& info) {
  std::vector<std::string> scopes;
  parse_scope_list(info.claims.value("scope", ""), scopes);
  const auto& c = info.grant.claims;
  nlohmann::json out = {{"sub", subject_of(info.grant)}};
  if (has(scopes, "basic")) {
    out["uid"] = c.value("uid", "");
    out["host_app_id"] = c.value("hostAppId", "");
    if (c.contains("walletAddress")) out["wallet_address"] = c["walletAddress"];
  }
  if (has(scopes, "phone") && c.contains("phone")) {
    out["phone_number"] = c["phone"];
    out["phone_number_verified"] = true;
  }
  if (has(scopes, "email") && c.contains("email")) {
    out["email"] = c["email"];
    out["email_verified"] = true;
  }
  return out;
}

std::vector<Authorization> FlowService::authorizations(const std::string& host_app_id, const std::string& uid) const {
  return db_.read([&](core::Conn& c) { return grant_repo::list_authorizations(c, host_app_id, uid); });
}

int FlowService::revoke_authorizations(const std::string& host_app_id, const std::string& uid,
                                       const std::string& app_id) {
  const auto now = clock_.unix_millis();
  return db_.write(
      [&](core::Tx& tx) { return grant_repo::revoke_authorizations(tx, host_app_id, uid, app_id, now); });
}

}  // namespace cove::oauth
