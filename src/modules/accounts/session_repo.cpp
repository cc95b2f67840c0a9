#include "modules/accounts/session_repo.hpp"

namespace cove::accounts::session_repo {

void read_row(core::Row& r, Session& s) {
  r.read(s.id, s.user_id, s.created_ms, s.last_used_ms, s.expires_ms, s.revoked_ms, s.ip, s.user_agent);
}


namespace {
const std::string kColumns = "id, user_id, created_ms, last_used_ms, expires_ms, revoked_ms, ip, user_agent";
}  // namespace

void read_row(core::Row& r, RefreshToken& t) { r.read(t.token_hash, t.session_id, t.created_ms, t.rotated_ms); }

void insert(core::Tx& tx, const Session& s) {
  tx.exec(
      "INSERT INTO sessions(id, user_id, created_ms, last_used_ms, expires_ms, ip, user_agent) "
      "VALUES(?, ?, ?, ?, ?, ?, ?)",
      s.id, s.user_id, s.created_ms, s.last_used_ms, s.expires_ms, s.ip, s.user_agent);
}

std::optional<Session> find(core::Conn& c, const std::string& session_id) {
  return c.query_one<Session>("SELECT " + kColumns + " FROM sessions WHERE id = ?", session_id);
}

void touch(core::Tx& tx, const std::string& session_id, std::int64_t now_ms, const std::string& ip) {
  tx.exec("UPDATE sessions SET last_used_ms = ?, ip = ? WHERE id = ?", now_ms, ip, session_id);
}

bool revoke(core::Tx& tx, const std::string& session_id, std::int64_t now_ms, const std::string& reason) {
  return tx.exec("UPDATE sessions SET revoked_ms = ?, revoke_reason = ? WHERE id = ? AND revoked_ms IS NULL", now_ms,
                 reason, session_id) > 0;
}

int revoke_all_for_user(core::Tx& tx, const std::string& user_id, std::int64_t now_ms, const std::string& reason,
                        const std::string& keep_session_id) {
  return tx.exec(
      "UPDATE sessions SET revoked_ms = ?, revoke_reason = ? WHERE user_id = ? AND id <> ? AND revoked_ms IS NULL",
      now_ms, reason, user_id, keep_session_id);
}

core::Page<Session> list_active(core::Conn& c, const std::string& user_id, std::int64_t now_ms,
                                const core::PageRequest& page) {
  return c.query_page<Session>("SELECT " + kColumns,
                               "FROM sessions WHERE user_id = ?1 AND revoked_ms IS NULL AND expires_ms > ?2",
                               core::newest_first_page_sql("", 3), page, user_id, now_ms);
}

void delete_ended(core::Tx& tx, const std::string& user_id, std::int64_t before_ms) {
  tx.exec("DELETE FROM sessions WHERE user_id = ?1 AND (expires_ms < ?2 OR revoked_ms < ?2)", user_id, before_ms);
}

void insert_refresh_token(core::Tx& tx, const std::string& token_hash, const std::string& session_id,
                          std::int64_t now_ms) {
  tx.exec("INSERT INTO refresh_tokens(token_hash, session_id, created_ms) VALUES(?, ?, ?)", token_hash, session_id,
          now_ms);
}

std::optional<RefreshToken> find_refresh_token(core::Conn& c, const std::string& token_hash) {
  return c.query_one<RefreshToken>(
      "SELECT token_hash, session_id, created_ms, rotated_ms FROM refresh_tokens WHERE token_hash = ?", token_hash);
}

bool mark_rotated(core::Tx& tx, const std::string& token_hash, std::int64_t now_ms) {
  return tx.exec("UPDATE refresh_tokens SET rotated_ms = ? WHERE token_hash = ? AND rotated_ms IS NULL", now_ms,
                 token_hash) > 0;
}

}  // namespace cove::accounts::session_repo
