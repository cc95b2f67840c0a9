#pragma once
// Console sessions (DESIGN.md §7): a short-lived access JWT plus an opaque refresh token that is
// rotated on every use. A session is the chain of refresh tokens of one sign-in on one device;
// presenting a token that was already exchanged means a copy is in someone else's hands, so the
// whole session is revoked. Sign-out revokes, and access tokens die with their session at once
// (identity checks the session on every request).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/accounts/session_model.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/accounts/user_model.hpp"

namespace cove::accounts {

struct AccessToken {
  std::string token;
  int expires_in_s = 0;
};

// What a client receives when a session starts or its refresh token is exchanged.
struct SessionGrant {
  User user;
  std::string session_id;
  AccessToken access;
  std::string refresh_token;           // goes into the HttpOnly cookie, nowhere else
  std::int64_t refresh_max_age_s = 0;  // until the session's absolute end
};

// The actor of a request made on behalf of `user` before the request carried their credentials
// (sign-in, refresh): the operation log then names the user, with the request's IP and device.
core::Actor acting_as(const core::Actor& request_actor, const User& user);

class SessionService {
 public:
  // `jwt_key` signs access tokens (identity.hpp verifies them with the same key).
  SessionService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const SettingsService& settings,
                 std::string jwt_key)
      : db_(db), changes_(changes), clock_(clock), settings_(settings), jwt_key_(std::move(jwt_key)) {}

  // Inside the sign-in transaction: a new session for `user` from the actor's IP and device.
  SessionGrant start(core::Tx& tx, const User& user, const core::Actor& actor);
  // Exchanges a refresh token for a new one and a fresh access token. Throws 401
  // `auth.refresh_invalid` (unknown, expired or revoked) or `auth.refresh_reused` (the session is
  // revoked because an exchanged token came back).
  SessionGrant refresh(const core::Actor& actor, std::string_view refresh_token);
  // Sign-out: revokes the session of `refresh_token`, else the caller's current session. Quietly
  // does nothing when neither names a live session (signing out twice is not an error).
  void sign_out(const core::Actor& actor, std::string_view refresh_token);
  // Revokes every session of the signed-in user; returns how many.
  int sign_out_everywhere(const core::Actor& actor);

  core::Page<Session> list(const std::string& user_id, const core::PageRequest& page) const;
  // Revokes one of the caller's own sessions; another user's or an ended one is 404.
  void revoke_own(const core::Actor& actor, const std::string& session_id);

 private:
  AccessToken access_token(const std::string& user_id, const std::string& session_id) const;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  std::string jwt_key_;
};

}  // namespace cove::accounts
