#include "modules/accounts/login_failure_repo.hpp"

namespace cove::accounts::login_failure_repo {

void read_row(core::Row& r, Counter& counter) { r.read(counter.failures, counter.since_ms, counter.locked_until_ms); }

std::optional<Counter> find_user(core::Conn& c, const std::string& user_id) {
  return c.query_one<Counter>("SELECT failed_logins, last_failed_login_ms, locked_until_ms FROM users WHERE id = ?",
                              user_id);
}

void save_user(core::Tx& tx, const std::string& user_id, const Counter& counter) {
  tx.exec("UPDATE users SET failed_logins = ?, last_failed_login_ms = ?, locked_until_ms = ? WHERE id = ?",
          counter.failures, counter.since_ms, counter.locked_until_ms, user_id);
}

std::optional<Counter> find_ip(core::Conn& c, const std::string& ip) {
  return c.query_one<Counter>("SELECT failures, first_ms, locked_until_ms FROM login_ip_failures WHERE ip = ?", ip);
}

void save_ip(core::Tx& tx, const std::string& ip, const Counter& counter) {
  tx.exec(
      "INSERT INTO login_ip_failures(ip, failures, first_ms, locked_until_ms) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(ip) DO UPDATE SET failures = excluded.failures, first_ms = excluded.first_ms, "
      "locked_until_ms = excluded.locked_until_ms",
      ip, counter.failures, counter.since_ms, counter.locked_until_ms);
}

std::optional<Counter> find_unknown_email(core::Conn& c, const std::string& email) {
  return c.query_one<Counter>(
      "SELECT failures, last_ms, locked_until_ms FROM login_unknown_failures WHERE email = ?", email);
}

void save_unknown_email(core::Tx& tx, const std::string& email, const Counter& counter) {
  tx.exec(
      "INSERT INTO login_unknown_failures(email, failures, last_ms, locked_until_ms) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(email) DO UPDATE SET failures = excluded.failures, last_ms = excluded.last_ms, "
      "locked_until_ms = excluded.locked_until_ms",
      email, counter.failures, counter.since_ms, counter.locked_until_ms);
}

void prune(core::Tx& tx, std::int64_t before_ms) {
  tx.exec("DELETE FROM login_ip_failures WHERE first_ms < ?1 AND locked_until_ms < ?1", before_ms);
  tx.exec("DELETE FROM login_unknown_failures WHERE last_ms < ?1 AND locked_until_ms < ?1", before_ms);
}

}  // namespace cove::accounts::login_failure_repo
