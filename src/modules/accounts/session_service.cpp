#include "modules/accounts/session_service.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/jwt.hpp"
#include "modules/accounts/session_repo.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
// Ended sessions are kept this long, then deleted at the user's next sign-in (the operation log
// keeps the history).
constexpr std::int64_t kEndedSessionRetentionMs = 30 * kDayMs;
constexpr std::size_t kMaxUserAgentBytes = 512;
constexpr std::size_t kMaxRefreshTokenChars = 128;

std::string clip_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

core::Error refresh_invalid() {
  return core::Error(401, "auth.refresh_invalid", "Your session has ended; sign in again");
}

std::string new_refresh_token() { return core::crypto::base64url(core::crypto::random_bytes(32)); }

}  // namespace

core::Actor acting_as(const core::Actor& request_actor, const User& user) {
  auto principal = std::make_shared<core::Principal>();
  principal->kind = core::Principal::Kind::kUser;
  principal->id = user.id;
  principal->name = user.name;
  principal->platform_role = user.platform_role;
  core::Actor actor = request_actor;
  actor.principal = std::move(principal);
  return actor;
}

AccessToken SessionService::access_token(const std::string& user_id, const std::string& session_id) const {
  const auto now_s = clock_.unix_seconds();
  const int ttl = settings_.security()->access_ttl_seconds;
  return {
      core::jwt::sign(
          {{"sub", user_id}, {"sid", session_id}, {"typ", "access"}, {"iat", now_s}, {"exp", now_s + ttl}},
          jwt_key_),
      ttl};
}

SessionGrant SessionService::start(core::Tx& tx, const User& user, const core::Actor& actor) {
  const auto now = clock_.unix_millis();
  const auto ttl_ms = std::int64_t{settings_.security()->refresh_ttl_days} * kDayMs;
  session_repo::delete_ended(tx, user.id, now - kEndedSessionRetentionMs);

  Session s;
  s.id = core::new_id("ses");
  s.user_id = user.id;
  s.created_ms = now;
  s.last_used_ms = now;
  s.expires_ms = now + ttl_ms;
  s.ip = actor.ip;
  s.user_agent = clip_utf8(actor.user_agent, kMaxUserAgentBytes);
  session_repo::insert(tx, s);

  SessionGrant grant;
  grant.user = user;
  grant.session_id = s.id;
  grant.refresh_token = new_refresh_token();
  grant.refresh_max_age_s = ttl_ms / 1000;
  session_repo::insert_refresh_token(tx, core::crypto::sha256_hex(grant.refresh_token), s.id, now);
  grant.access = access_token(user.id, s.id);
  return grant;
}

SessionGrant SessionService::refresh(const core::Actor& actor, std::string_view refresh_token) {
  if (refresh_token.empty() || refresh_token.size() > kMaxRefreshTokenChars) throw refresh_invalid();
  const auto hash = core::crypto::sha256_hex(refresh_token);
  const auto now = clock_.unix_millis();

  enum class Outcome { kRotated, kInvalid, kReused };
  SessionGrant grant;
  const Outcome outcome = db_.write([&](core::Tx& tx) {
    const auto token = session_repo::find_refresh_token(tx, hash);
    if (!token) return Outcome::kInvalid;
    const auto session = session_repo::find(tx, token->session_id);
    if (!session || !session->active_at(now)) return Outcome::kInvalid;
    const auto user = user_repo::find_by_id(tx, session->user_id);
    if (!user || user->status != "active") {
      session_repo::revoke(tx, session->id, now, "user_disabled");
      return Outcome::kInvalid;
    }
    if (token->rotated_ms || !session_repo::mark_rotated(tx, hash, now)) {
      session_repo::revoke(tx, session->id, now, "refresh_reused");
      changes_.record(tx, acting_as(actor, *user),
                            {.action = "auth.refresh_reused",
                             .target_type = "session",
                             .target_id = session->id,
                             .after = {{"revoked", true}}});
      return Outcome::kReused;
    }
    // Routine rotation is not an operation-log entry: it is the session carrying on, every few
    // minutes per open console. Sign-in, sign-out and reuse are logged.
    session_repo::touch(tx, session->id, now, actor.ip);
    grant.user = *user;
    grant.session_id = session->id;
    grant.refresh_token = new_refresh_token();
    grant.refresh_max_age_s = (session->expires_ms - now) / 1000;
    session_repo::insert_refresh_token(tx, core::crypto::sha256_hex(grant.refresh_token), session->id, now);
    return Outcome::kRotated;
  });
  if (outcome == Outcome::kInvalid) throw refresh_invalid();
  if (outcome == Outcome::kReused) {
    throw core::Error(401, "auth.refresh_reused",
                      "This sign-in was ended because its refresh token was used twice; sign in again");
  }
  grant.access = access_token(grant.user.id, grant.session_id);
  return grant;
}

void SessionService::sign_out(const core::Actor& actor, std::string_view refresh_token) {
  const auto now = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    std::string session_id;
    if (!refresh_token.empty() && refresh_token.size() <= kMaxRefreshTokenChars) {
      if (auto token = session_repo::find_refresh_token(tx, core::crypto::sha256_hex(refresh_token))) {
        session_id = token->session_id;
      }
    }
    if (session_id.empty()) session_id = actor.principal->session_id;
    if (session_id.empty()) return;
    const auto session = session_repo::find(tx, session_id);
    if (!session || !session_repo::revoke(tx, session_id, now, "sign_out")) return;
    const auto user = user_repo::find_by_id(tx, session->user_id);
    if (!user) return;
    changes_.record(tx, acting_as(actor, *user),
                          {.action = "auth.logout", .target_type = "session", .target_id = session_id});
  });
}

int SessionService::sign_out_everywhere(const core::Actor& actor) {
  const auto now = clock_.unix_millis();
  return db_.write([&](core::Tx& tx) {
    const int n = session_repo::revoke_all_for_user(tx, actor.principal->id, now, "sign_out_everywhere");
    changes_.record(tx, actor,
                          {.action = "auth.logout_all",
                           .target_type = "user",
                           .target_id = actor.principal->id,
                           .after = {{"sessionsRevoked", n}}});
    return n;
  });
}

core::Page<Session> SessionService::list(const std::string& user_id, const core::PageRequest& page) const {
  const auto now = clock_.unix_millis();
  return db_.read([&](core::Conn& c) { return session_repo::list_active(c, user_id, now, page); });
}

void SessionService::revoke_own(const core::Actor& actor, const std::string& session_id) {
  const auto now = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    const auto session = session_repo::find(tx, session_id);
    if (!session || session->user_id != actor.principal->id || !session->active_at(now)) {
      throw core::Error::not_found("sessions.not_found", "No such session");
    }
    session_repo::revoke(tx, session_id, now, "revoked_by_user");
    changes_.record(
        tx, actor, {.action = "auth.session_revoked", .target_type = "session", .target_id = session_id});
  });
}

}  // namespace cove::accounts
