#include "modules/accounts/session_repo.hpp"

namespace cove::accounts::session_repo {

namespace {
constexpr const char* kColumns =
    "id, user_id, created_ms, last_used_ms, expires_ms, revoked_ms, ip, user_agent";

Session read_session(SQLite::Statement& st) {
  Session s;
  s.id = st.getColumn(0).getString();
  s.user_id = st.getColumn(1).getString();
  s.created_ms = st.getColumn(2).getInt64();
  s.last_used_ms = st.getColumn(3).getInt64();
  s.expires_ms = st.getColumn(4).getInt64();
  if (!st.getColumn(5).isNull()) s.revoked_ms = st.getColumn(5).getInt64();
  s.ip = st.getColumn(6).getString();
  s.user_agent = st.getColumn(7).getString();
  return s;
}
}  // namespace

void insert(core::Tx& tx, const Session& s) {
  auto& st = tx.prepare(
      "INSERT INTO sessions(id, user_id, created_ms, last_used_ms, expires_ms, ip, user_agent) "
      "VALUES(?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, s.id);
  st.bind(2, s.user_id);
  st.bind(3, s.created_ms);
  st.bind(4, s.last_used_ms);
  st.bind(5, s.expires_ms);
  st.bind(6, s.ip);
  st.bind(7, s.user_agent);
  st.exec();
}

std::optional<Session> find(core::Conn& c, const std::string& session_id) {
  auto& st = c.prepare(std::string("SELECT ") + kColumns + " FROM sessions WHERE id = ?");
  st.bind(1, session_id);
  if (!st.executeStep()) return std::nullopt;
  return read_session(st);
}

void touch(core::Tx& tx, const std::string& session_id, std::int64_t now_ms, const std::string& ip) {
  auto& st = tx.prepare("UPDATE sessions SET last_used_ms = ?, ip = ? WHERE id = ?");
  st.bind(1, now_ms);
  st.bind(2, ip);
  st.bind(3, session_id);
  st.exec();
}

bool revoke(core::Tx& tx, const std::string& session_id, std::int64_t now_ms, const std::string& reason) {
  auto& st =
      tx.prepare("UPDATE sessions SET revoked_ms = ?, revoke_reason = ? WHERE id = ? AND revoked_ms IS NULL");
  st.bind(1, now_ms);
  st.bind(2, reason);
  st.bind(3, session_id);
  return st.exec() > 0;
}

int revoke_all_for_user(core::Tx& tx, const std::string& user_id, std::int64_t now_ms,
                        const std::string& reason, const std::string& keep_session_id) {
  auto& st = tx.prepare(
      "UPDATE sessions SET revoked_ms = ?, revoke_reason = ? WHERE user_id = ? AND id <> ? AND revoked_ms IS "
      "NULL");
  st.bind(1, now_ms);
  st.bind(2, reason);
  st.bind(3, user_id);
  st.bind(4, keep_session_id);
  return st.exec();
}

std::vector<Session> list_active(core::Conn& c, const std::string& user_id, std::int64_t now_ms,
                                 const PageRequest& page) {
  auto& st = c.prepare(std::string("SELECT ") + kColumns +
                       " FROM sessions WHERE user_id = ?1 AND revoked_ms IS NULL AND expires_ms > ?2 "
                       "AND (?3 IS NULL OR created_ms < ?3 OR (created_ms = ?3 AND id < ?4)) "
                       "ORDER BY created_ms DESC, id DESC LIMIT ?5");
  st.bind(1, user_id);
  st.bind(2, now_ms);
  bind_page(st, 3, page);
  std::vector<Session> out;
  while (st.executeStep()) out.push_back(read_session(st));
  return out;
}

void delete_ended(core::Tx& tx, const std::string& user_id, std::int64_t before_ms) {
  auto& st = tx.prepare("DELETE FROM sessions WHERE user_id = ?1 AND (expires_ms < ?2 OR revoked_ms < ?2)");
  st.bind(1, user_id);
  st.bind(2, before_ms);
  st.exec();
}

void insert_refresh_token(core::Tx& tx, const std::string& token_hash, const std::string& session_id,
                          std::int64_t now_ms) {
  auto& st = tx.prepare("INSERT INTO refresh_tokens(token_hash, session_id, created_ms) VALUES(?, ?, ?)");
  st.bind(1, token_hash);
  st.bind(2, session_id);
  st.bind(3, now_ms);
  st.exec();
}

std::optional<RefreshToken> find_refresh_token(core::Conn& c, const std::string& token_hash) {
  auto& st = c.prepare(
      "SELECT token_hash, session_id, created_ms, rotated_ms FROM refresh_tokens WHERE token_hash = ?");
  st.bind(1, token_hash);
  if (!st.executeStep()) return std::nullopt;
  RefreshToken t;
  t.token_hash = st.getColumn(0).getString();
  t.session_id = st.getColumn(1).getString();
  t.created_ms = st.getColumn(2).getInt64();
  if (!st.getColumn(3).isNull()) t.rotated_ms = st.getColumn(3).getInt64();
  return t;
}

bool mark_rotated(core::Tx& tx, const std::string& token_hash, std::int64_t now_ms) {
  auto& st =
      tx.prepare("UPDATE refresh_tokens SET rotated_ms = ? WHERE token_hash = ? AND rotated_ms IS NULL");
  st.bind(1, now_ms);
  st.bind(2, token_hash);
  return st.exec() > 0;
}

}  // namespace cove::accounts::session_repo
