#include "modules/accounts/user_repo.hpp"

namespace cove::accounts::user_repo {

namespace {
constexpr const char* kColumns =
    "id, email, name, password_hash, password_changed_ms, must_change_password, platform_role, status, "
    "failed_logins, locked_until_ms, totp_secret, totp_pending, totp_last_step, created_ms, updated_ms";

std::optional<std::string> optional_text(const SQLite::Column& col) {
  if (col.isNull()) return std::nullopt;
  return col.getString();
}

User read_user(SQLite::Statement& st) {
  User u;
  u.id = st.getColumn(0).getString();
  u.email = st.getColumn(1).getString();
  u.name = st.getColumn(2).getString();
  u.password_hash = st.getColumn(3).getString();
  u.password_changed_ms = st.getColumn(4).getInt64();
  u.must_change_password = st.getColumn(5).getInt() != 0;
  u.platform_role = st.getColumn(6).getString();
  u.status = st.getColumn(7).getString();
  u.failed_logins = st.getColumn(8).getInt();
  u.locked_until_ms = st.getColumn(9).getInt64();
  u.totp_secret = optional_text(st.getColumn(10));
  u.totp_pending = optional_text(st.getColumn(11));
  u.totp_last_step = st.getColumn(12).getInt64();
  u.created_ms = st.getColumn(13).getInt64();
  u.updated_ms = st.getColumn(14).getInt64();
  return u;
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
  if (v) st.bind(index, *v);
  else st.bind(index);
}

void add_history(core::Tx& tx, const std::string& user_id, const std::string& hash, std::int64_t now_ms) {
  auto& st = tx.prepare("INSERT INTO password_history(user_id, password_hash, created_ms) VALUES(?, ?, ?)");
  st.bind(1, user_id);
  st.bind(2, hash);
  st.bind(3, now_ms);
  st.exec();
  // Keep the history bounded: 24 is the largest "cannot reuse" setting.
  auto& prune = tx.prepare(
      "DELETE FROM password_history WHERE user_id = ?1 AND rowid NOT IN "
      "(SELECT rowid FROM password_history WHERE user_id = ?1 ORDER BY created_ms DESC, rowid DESC LIMIT 24)");
  prune.bind(1, user_id);
  prune.exec();
}
}  // namespace

std::optional<User> find_by_id(core::Conn& c, const std::string& id) {
  auto& st = c.prepare(std::string("SELECT ") + kColumns + " FROM users WHERE id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return read_user(st);
}

std::optional<User> find_by_email(core::Conn& c, const std::string& email) {
  auto& st = c.prepare(std::string("SELECT ") + kColumns + " FROM users WHERE email = ?");
  st.bind(1, email);
  if (!st.executeStep()) return std::nullopt;
  return read_user(st);
}

void insert(core::Tx& tx, const User& u) {
  auto& st = tx.prepare(std::string("INSERT INTO users(") + kColumns +
                        ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, u.id);
  st.bind(2, u.email);
  st.bind(3, u.name);
  st.bind(4, u.password_hash);
  st.bind(5, u.password_changed_ms);
  st.bind(6, u.must_change_password ? 1 : 0);
  st.bind(7, u.platform_role);
  st.bind(8, u.status);
  st.bind(9, u.failed_logins);
  st.bind(10, u.locked_until_ms);
  bind_optional(st, 11, u.totp_secret);
  bind_optional(st, 12, u.totp_pending);
  st.bind(13, u.totp_last_step);
  st.bind(14, u.created_ms);
  st.bind(15, u.updated_ms);
  st.exec();
  add_history(tx, u.id, u.password_hash, u.created_ms);
}

void set_password(core::Tx& tx, const std::string& user_id, const std::string& hash, bool must_change,
                  std::int64_t now_ms) {
  auto& st = tx.prepare(
      "UPDATE users SET password_hash = ?, password_changed_ms = ?, must_change_password = ?, failed_logins = 0, "
      "locked_until_ms = 0, updated_ms = ? WHERE id = ?");
  st.bind(1, hash);
  st.bind(2, now_ms);
  st.bind(3, must_change ? 1 : 0);
  st.bind(4, now_ms);
  st.bind(5, user_id);
  st.exec();
  add_history(tx, user_id, hash, now_ms);
}

std::vector<std::string> recent_password_hashes(core::Conn& c, const std::string& user_id, int limit) {
  std::vector<std::string> out;
  auto& st = c.prepare(
      "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY created_ms DESC, rowid DESC LIMIT ?");
  st.bind(1, user_id);
  st.bind(2, limit);
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

void set_name(core::Tx& tx, const std::string& user_id, const std::string& name, std::int64_t now_ms) {
  auto& st = tx.prepare("UPDATE users SET name = ?, updated_ms = ? WHERE id = ?");
  st.bind(1, name);
  st.bind(2, now_ms);
  st.bind(3, user_id);
  st.exec();
}

void set_status(core::Tx& tx, const std::string& user_id, const std::string& status, std::int64_t now_ms) {
  auto& st = tx.prepare("UPDATE users SET status = ?, updated_ms = ? WHERE id = ?");
  st.bind(1, status);
  st.bind(2, now_ms);
  st.bind(3, user_id);
  st.exec();
}

void set_platform_role(core::Tx& tx, const std::string& user_id, const std::string& role, std::int64_t now_ms) {
  auto& st = tx.prepare("UPDATE users SET platform_role = ?, updated_ms = ? WHERE id = ?");
  st.bind(1, role);
  st.bind(2, now_ms);
  st.bind(3, user_id);
  st.exec();
}

void record_login_failure(core::Tx& tx, const std::string& user_id, int failures, std::int64_t locked_until_ms) {
  auto& st = tx.prepare("UPDATE users SET failed_logins = ?, locked_until_ms = ? WHERE id = ?");
  st.bind(1, failures);
  st.bind(2, locked_until_ms);
  st.bind(3, user_id);
  st.exec();
}

void record_login_success(core::Tx& tx, const std::string& user_id) {
  auto& st = tx.prepare("UPDATE users SET failed_logins = 0, locked_until_ms = 0 WHERE id = ?");
  st.bind(1, user_id);
  st.exec();
}

void set_totp(core::Tx& tx, const std::string& user_id, const std::optional<std::string>& secret,
              const std::optional<std::string>& pending, std::int64_t last_step, std::int64_t now_ms) {
  auto& st = tx.prepare(
      "UPDATE users SET totp_secret = ?, totp_pending = ?, totp_last_step = ?, updated_ms = ? WHERE id = ?");
  bind_optional(st, 1, secret);
  bind_optional(st, 2, pending);
  st.bind(3, last_step);
  st.bind(4, now_ms);
  st.bind(5, user_id);
  st.exec();
}

std::int64_t count_platform_admins(core::Conn& c) {
  return c.query_int("SELECT count(*) FROM users WHERE platform_role = 'platform_admin' AND status = 'active'")
      .value_or(0);
}

void replace_password_hash(core::Tx& tx, const std::string& user_id, const std::string& hash) {
  auto& st = tx.prepare("UPDATE users SET password_hash = ? WHERE id = ?");
  st.bind(1, hash);
  st.bind(2, user_id);
  st.exec();
}

std::vector<Membership> memberships(core::Conn& c, const std::string& user_id) {
  auto& st = c.prepare(
      "SELECT o.id, o.name, o.status, m.role FROM org_members m JOIN orgs o ON o.id = m.org_id "
      "WHERE m.user_id = ? ORDER BY o.name COLLATE NOCASE, o.id");
  st.bind(1, user_id);
  std::vector<Membership> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                   st.getColumn(3).getString()});
  }
  return out;
}

std::vector<User> list_operators(core::Conn& c, const std::optional<std::string>& role,
                                 const std::optional<std::string>& status, const PageRequest& page) {
  auto& st = c.prepare(std::string("SELECT ") + kColumns +
                       " FROM users WHERE platform_role <> '' AND (?1 IS NULL OR platform_role = ?1) "
                       "AND (?2 IS NULL OR status = ?2) "
                       "AND (?3 IS NULL OR created_ms > ?3 OR (created_ms = ?3 AND id > ?4)) "
                       "ORDER BY created_ms, id LIMIT ?5");
  bind_optional(st, 1, role);
  bind_optional(st, 2, status);
  bind_page(st, 3, page);
  std::vector<User> out;
  while (st.executeStep()) out.push_back(read_user(st));
  return out;
}

}  // namespace cove::accounts::user_repo
