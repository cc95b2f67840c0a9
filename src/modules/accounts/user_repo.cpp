#include "modules/accounts/user_repo.hpp"

namespace cove::accounts::user_repo {

void read_row(core::Row& r, User& u) {
  r.read(u.id, u.email, u.name, u.password_hash, u.password_changed_ms, u.must_change_password, u.platform_role,
         u.status, u.failed_logins, u.locked_until_ms, u.totp_secret, u.totp_pending, u.totp_last_step, u.created_ms,
         u.updated_ms);
}


void read_row(core::Row& r, Membership& m) { r.read(m.org_id, m.org_name, m.org_status, m.role); }

namespace {

const std::string kColumns =
    "id, email, name, password_hash, password_changed_ms, must_change_password, platform_role, status, "
    "failed_logins, locked_until_ms, totp_secret, totp_pending, totp_last_step, created_ms, updated_ms";

void add_history(core::Tx& tx, const std::string& user_id, const std::string& hash, std::int64_t now_ms) {
  tx.exec("INSERT INTO password_history(user_id, password_hash, created_ms) VALUES(?, ?, ?)", user_id, hash, now_ms);
  // Keep the history bounded: 24 is the largest "cannot reuse" setting.
  tx.exec(
      "DELETE FROM password_history WHERE user_id = ?1 AND rowid NOT IN "
      "(SELECT rowid FROM password_history WHERE user_id = ?1 ORDER BY created_ms DESC, rowid DESC LIMIT 24)",
      user_id);
}

}  // namespace

std::optional<User> find_by_id(core::Conn& c, const std::string& id) {
  return c.query_one<User>("SELECT " + kColumns + " FROM users WHERE id = ?", id);
}

std::optional<User> find_by_email(core::Conn& c, const std::string& email) {
  return c.query_one<User>("SELECT " + kColumns + " FROM users WHERE email = ?", email);
}

void insert(core::Tx& tx, const User& u) {
  tx.exec("INSERT INTO users(" + kColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", u.id, u.email,
          u.name, u.password_hash, u.password_changed_ms, u.must_change_password, u.platform_role, u.status,
          u.failed_logins, u.locked_until_ms, u.totp_secret, u.totp_pending, u.totp_last_step, u.created_ms,
          u.updated_ms);
  add_history(tx, u.id, u.password_hash, u.created_ms);
}

void set_password(core::Tx& tx, const std::string& user_id, const std::string& hash, bool must_change,
                  std::int64_t now_ms) {
  tx.exec(
      "UPDATE users SET password_hash = ?, password_changed_ms = ?, must_change_password = ?, failed_logins = 0, "
      "locked_until_ms = 0, updated_ms = ? WHERE id = ?",
      hash, now_ms, must_change, now_ms, user_id);
  add_history(tx, user_id, hash, now_ms);
}

std::vector<std::string> recent_password_hashes(core::Conn& c, const std::string& user_id, int limit) {
  return c.query_all<std::string>(
      "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY created_ms DESC, rowid DESC LIMIT ?",
      user_id, limit);
}

void set_name(core::Tx& tx, const std::string& user_id, const std::string& name, std::int64_t now_ms) {
  tx.exec("UPDATE users SET name = ?, updated_ms = ? WHERE id = ?", name, now_ms, user_id);
}

void set_status(core::Tx& tx, const std::string& user_id, const std::string& status, std::int64_t now_ms) {
  tx.exec("UPDATE users SET status = ?, updated_ms = ? WHERE id = ?", status, now_ms, user_id);
}

void set_platform_role(core::Tx& tx, const std::string& user_id, const std::string& role, std::int64_t now_ms) {
  tx.exec("UPDATE users SET platform_role = ?, updated_ms = ? WHERE id = ?", role, now_ms, user_id);
}

void record_login_failure(core::Tx& tx, const std::string& user_id, int failures, std::int64_t locked_until_ms) {
  tx.exec("UPDATE users SET failed_logins = ?, locked_until_ms = ? WHERE id = ?", failures, locked_until_ms,
          user_id);
}

void record_login_success(core::Tx& tx, const std::string& user_id) {
  tx.exec("UPDATE users SET failed_logins = 0, locked_until_ms = 0 WHERE id = ?", user_id);
}

void set_totp(core::Tx& tx, const std::string& user_id, const std::optional<std::string>& secret,
              const std::optional<std::string>& pending, std::int64_t last_step, std::int64_t now_ms) {
  tx.exec("UPDATE users SET totp_secret = ?, totp_pending = ?, totp_last_step = ?, updated_ms = ? WHERE id = ?",
          secret, pending, last_step, now_ms, user_id);
}

std::int64_t count_platform_admins(core::Conn& c) {
  return c.query_value<std::int64_t>(
      "SELECT count(*) FROM users WHERE platform_role = 'platform_admin' AND status = 'active'");
}

void replace_password_hash(core::Tx& tx, const std::string& user_id, const std::string& hash) {
  tx.exec("UPDATE users SET password_hash = ? WHERE id = ?", hash, user_id);
}

std::vector<Membership> memberships(core::Conn& c, const std::string& user_id) {
  return c.query_all<Membership>(
      "SELECT o.id, o.name, o.status, m.role FROM org_members m JOIN orgs o ON o.id = m.org_id "
      "WHERE m.user_id = ? ORDER BY o.name COLLATE NOCASE, o.id",
      user_id);
}

core::Page<User> list_operators(core::Conn& c, const std::optional<std::string>& role,
                                const std::optional<std::string>& status, const core::PageRequest& page) {
  return c.query_page<User>("SELECT " + kColumns,
                            "FROM users WHERE platform_role <> '' AND (?1 IS NULL OR platform_role = ?1) "
                            "AND (?2 IS NULL OR status = ?2)",
                            core::oldest_first_page_sql("", 3), page, role, status);
}

}  // namespace cove::accounts::user_repo
