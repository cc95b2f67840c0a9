#pragma once
// SQL for failed sign-in counters: per account (columns of `users`), per email address without an
// account (login_unknown_failures) and per client IP (login_ip_failures). No business rules here.
#include <cstdint>
#include <optional>
#include <string>

#include "core/db.hpp"

namespace cove::accounts::login_failure_repo {

struct Counter {
  int failures = 0;
  std::int64_t since_ms = 0;  // accounts: the last failure; IPs: the start of the counting window
  std::int64_t locked_until_ms = 0;
};

void read_row(core::Row& r, Counter& counter);
std::optional<Counter> find_user(core::Conn& c, const std::string& user_id);
void save_user(core::Tx& tx, const std::string& user_id, const Counter& counter);
std::optional<Counter> find_ip(core::Conn& c, const std::string& ip);
void save_ip(core::Tx& tx, const std::string& ip, const Counter& counter);
std::optional<Counter> find_unknown_email(core::Conn& c, const std::string& email);
void save_unknown_email(core::Tx& tx, const std::string& email, const Counter& counter);
// Deletes counters of both kinds that are unlocked (or whose lock ended) and untouched since
// `before_ms`: they no longer affect any decision.
void prune(core::Tx& tx, std::int64_t before_ms);

}  // namespace cove::accounts::login_failure_repo
