#include "modules/oauth/grant_repo.hpp"

#include "core/ids.hpp"

namespace cove::oauth::grant_repo {

namespace {
const char* kAuthorizationColumns =
    "id, app_id, org_id, host_app_id, uid, scopes, created_ms, updated_ms, last_used_ms, revoked_ms";
}  // namespace

void read_row(core::Row& r, Authorization& a) {
  std::optional<std::int64_t> last_used, revoked;
  r.read(a.id, a.app_id, a.org_id, a.host_app_id, a.uid, a.scopes, a.created_ms, a.updated_ms, last_used, revoked);
  a.last_used_ms = last_used.value_or(0);
  a.revoked_ms = revoked.value_or(0);
}

void read_row(core::Row& r, Grant& g) {
  std::optional<std::int64_t> revoked, authorization_revoked;
  r.read(g.id, g.authorization_id, g.app_id, g.scopes, g.claims, revoked, g.host_app_id, g.uid,
         authorization_revoked);
  g.revoked_ms = revoked.value_or(0);
  g.authorization_revoked_ms = authorization_revoked.value_or(0);
}

void read_row(core::Row& r, CodeRecord& c) {
  std::optional<std::int64_t> used;
  r.read(c.grant_id, c.redirect_uri, c.code_challenge, c.expires_ms, used);
  c.used_ms = used.value_or(0);
}

void read_row(core::Row& r, RefreshRecord& t) {
  std::optional<std::int64_t> used;
  r.read(t.grant_id, t.expires_ms, used);
  t.used_ms = used.value_or(0);
}

std::string upsert_authorization(core::Tx& tx, const Authorization& a) {
  tx.exec(
      "INSERT INTO oauth_authorizations(id, app_id, org_id, host_app_id, uid, scopes, created_ms, updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(host_app_id, uid, app_id) DO UPDATE SET scopes = excluded.scopes, "
      "updated_ms = excluded.updated_ms, revoked_ms = NULL, "
      "created_ms = CASE WHEN oauth_authorizations.revoked_ms IS NULL THEN oauth_authorizations.created_ms "
      "ELSE excluded.created_ms END",
      core::new_id("oaz"), a.app_id, a.org_id, a.host_app_id, a.uid, nlohmann::json(a.scopes), a.updated_ms,
      a.updated_ms);
  return tx.query_value<std::string>(
      "SELECT id FROM oauth_authorizations WHERE host_app_id = ? AND uid = ? AND app_id = ?", a.host_app_id, a.uid,
      a.app_id);
}

void touch_authorization(core::Tx& tx, const std::string& id, std::int64_t now_ms) {
  tx.exec("UPDATE oauth_authorizations SET last_used_ms = ? WHERE id = ?", now_ms, id);
}

std::vector<Authorization> list_authorizations(core::Conn& c, const std::string& host_app_id,
                                               const std::string& uid) {
  return c.query_all<Authorization>(std::string("SELECT ") + kAuthorizationColumns +
                                        " FROM oauth_authorizations WHERE host_app_id = ? AND uid = ? AND revoked_ms "
                                        "IS NULL ORDER BY created_ms DESC, id",
                                    host_app_id, uid);
}

int revoke_authorizations(core::Tx& tx, const std::string& host_app_id, const std::string& uid,
                          const std::string& app_id, std::int64_t now_ms) {
  const std::string match = "host_app_id = ?1 AND uid = ?2 AND (?3 = '' OR app_id = ?3) AND revoked_ms IS NULL";
  tx.exec("UPDATE oauth_grants SET revoked_ms = ?4, revoked_reason = 'user' WHERE revoked_ms IS NULL AND "
          "authorization_id IN (SELECT id FROM oauth_authorizations WHERE " + match + ")",
          host_app_id, uid, app_id, now_ms);
  return tx.exec("UPDATE oauth_authorizations SET revoked_ms = ?4 WHERE " + match, host_app_id, uid, app_id, now_ms);
}

void insert_grant(core::Tx& tx, const Grant& g, std::int64_t now_ms) {
  tx.exec("INSERT INTO oauth_grants(id, authorization_id, app_id, scopes, claims, created_ms) VALUES(?, ?, ?, ?, ?, ?)",
          g.id, g.authorization_id, g.app_id, nlohmann::json(g.scopes), g.claims, now_ms);
}

std::optional<Grant> find_grant(core::Conn& c, const std::string& id) {
  return c.query_one<Grant>(
      "SELECT g.id, g.authorization_id, g.app_id, g.scopes, g.claims, g.revoked_ms, a.host_app_id, a.uid, "
      "a.revoked_ms FROM oauth_grants g JOIN oauth_authorizations a ON a.id = g.authorization_id WHERE g.id = ?",
      id);
}

void revoke_grant(core::Tx& tx, const std::string& id, const std::string& reason, std::int64_t now_ms) {
  tx.exec("UPDATE oauth_grants SET revoked_ms = ?, revoked_reason = ? WHERE id = ? AND revoked_ms IS NULL", now_ms,
          reason, id);
}

void insert_code(core::Tx& tx, const std::string& code_hash, const CodeRecord& code) {
  tx.exec(
      "INSERT INTO oauth_codes(code_hash, grant_id, redirect_uri, code_challenge, expires_ms) VALUES(?, ?, ?, ?, ?)",
      code_hash, code.grant_id, code.redirect_uri, code.code_challenge, code.expires_ms);
}

std::optional<CodeRecord> find_code(core::Conn& c, const std::string& code_hash) {
  return c.query_one<CodeRecord>(
      "SELECT grant_id, redirect_uri, code_challenge, expires_ms, used_ms FROM oauth_codes WHERE code_hash = ?",
      code_hash);
}

bool use_code(core::Tx& tx, const std::string& code_hash, std::int64_t now_ms) {
  return tx.exec("UPDATE oauth_codes SET used_ms = ? WHERE code_hash = ? AND used_ms IS NULL", now_ms, code_hash) == 1;
}

void insert_refresh(core::Tx& tx, const std::string& token_hash, const std::string& grant_id, std::int64_t now_ms,
                    std::int64_t expires_ms) {
  tx.exec("INSERT INTO oauth_refresh_tokens(token_hash, grant_id, created_ms, expires_ms) VALUES(?, ?, ?, ?)",
          token_hash, grant_id, now_ms, expires_ms);
}

std::optional<RefreshRecord> find_refresh(core::Conn& c, const std::string& token_hash) {
  return c.query_one<RefreshRecord>(
      "SELECT grant_id, expires_ms, used_ms FROM oauth_refresh_tokens WHERE token_hash = ?", token_hash);
}

bool use_refresh(core::Tx& tx, const std::string& token_hash, std::int64_t now_ms) {
  return tx.exec("UPDATE oauth_refresh_tokens SET used_ms = ? WHERE token_hash = ? AND used_ms IS NULL", now_ms,
                 token_hash) == 1;
}

void prune(core::Tx& tx, std::int64_t now_ms) {
  // A used code is kept until it expires, so a second use within its life is still recognised
  // (and revokes what the first issued); after that, an unknown code is refused the same way.
  tx.exec("DELETE FROM oauth_codes WHERE expires_ms < ?", now_ms);
  // Rotated refresh tokens are kept until they would have expired: reuse detection needs them.
  tx.exec("DELETE FROM oauth_refresh_tokens WHERE expires_ms < ?", now_ms);
  // A family with nothing left to present ends with its last token.
  tx.exec("DELETE FROM oauth_grants WHERE created_ms < ?1 AND NOT EXISTS (SELECT 1 FROM oauth_codes c WHERE "
          "c.grant_id = oauth_grants.id) AND NOT EXISTS (SELECT 1 FROM oauth_refresh_tokens t WHERE t.grant_id = "
          "oauth_grants.id)",
          now_ms - 24LL * 3600 * 1000);
}

}  // namespace cove::oauth::grant_repo
