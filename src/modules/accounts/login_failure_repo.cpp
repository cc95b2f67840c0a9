#include "modules/accounts/login_failure_repo.hpp"

namespace cove::accounts::login_failure_repo {

std::optional<Counter> find_user(core::Conn& c, const std::string& user_id) {
  auto& st = c.prepare("SELECT failed_logins, last_failed_login_ms, locked_until_ms FROM users WHERE id = ?");
  st.bind(1, user_id);
  if (!st.executeStep()) return std::nullopt;
  return Counter{st.getColumn(0).getInt(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64()};
}

void save_user(core::Tx& tx, const std::string& user_id, const Counter& counter) {
  auto& st = tx.prepare(
      "UPDATE users SET failed_logins = ?, last_failed_login_ms = ?, locked_until_ms = ? WHERE id = ?");
  st.bind(1, counter.failures);
  st.bind(2, counter.since_ms);
  st.bind(3, counter.locked_until_ms);
  st.bind(4, user_id);
  st.exec();
}

std::optional<Counter> find_ip(core::Conn& c, const std::string& ip) {
  auto& st = c.prepare("SELECT failures, first_ms, locked_until_ms FROM login_ip_failures WHERE ip = ?");
  st.bind(1, ip);
  if (!st.executeStep()) return std::nullopt;
  return Counter{st.getColumn(0).getInt(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64()};
}

void save_ip(core::Tx& tx, const std::string& ip, const Counter& counter) {
  auto& st = tx.prepare(
      "INSERT INTO login_ip_failures(ip, failures, first_ms, locked_until_ms) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(ip) DO UPDATE SET failures = excluded.failures, first_ms = excluded.first_ms, "
      "locked_until_ms = excluded.locked_until_ms");
  st.bind(1, ip);
  st.bind(2, counter.failures);
  st.bind(3, counter.since_ms);
  st.bind(4, counter.locked_until_ms);
  st.exec();
}

std::optional<Counter> find_unknown_email(core::Conn& c, const std::string& email) {
  auto& st =
      c.prepare("SELECT failures, last_ms, locked_until_ms FROM login_unknown_failures WHERE email = ?");
  st.bind(1, email);
  if (!st.executeStep()) return std::nullopt;
  return Counter{st.getColumn(0).getInt(), st.getColumn(1).getInt64(), st.getColumn(2).getInt64()};
}

void save_unknown_email(core::Tx& tx, const std::string& email, const Counter& counter) {
  auto& st = tx.prepare(
      "INSERT INTO login_unknown_failures(email, failures, last_ms, locked_until_ms) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(email) DO UPDATE SET failures = excluded.failures, last_ms = excluded.last_ms, "
      "locked_until_ms = excluded.locked_until_ms");
  st.bind(1, email);
  st.bind(2, counter.failures);
  st.bind(3, counter.since_ms);
  st.bind(4, counter.locked_until_ms);
  st.exec();
}

void prune(core::Tx& tx, std::int64_t before_ms) {
  auto& ips = tx.prepare("DELETE FROM login_ip_failures WHERE first_ms < ?1 AND locked_until_ms < ?1");
  ips.bind(1, before_ms);
  ips.exec();
  auto& emails = tx.prepare("DELETE FROM login_unknown_failures WHERE last_ms < ?1 AND locked_until_ms < ?1");
  emails.bind(1, before_ms);
  emails.exec();
}

}  // namespace cove::accounts::login_failure_repo
