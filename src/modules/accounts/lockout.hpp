#pragma once
// Sign-in lockout (issue 3, DESIGN.md §7). After `lockoutMaxFailures` consecutive failures an
// account is locked for `lockoutMinutes`; after `ipMaxFailures` failures from one client IP within
// `lockoutMinutes`, that IP is. An account's failures are forgotten after a quiet day or when its
// lock ends. Addresses without an account are counted exactly like accounts, so neither the
// answers nor their timing reveal whether an account exists. Every failure and every lock goes
// to the operation log — with the address tried, never the password.
#include <cstdint>
#include <optional>
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/error.hpp"
#include "modules/accounts/login_failure_repo.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

// Whom a sign-in attempt was for.
struct SignInSubject {
  std::string email;
  std::string user_id;  // empty when no account has this address
};

struct LockState {
  bool locked = false;
  std::int64_t until_ms = 0;
};

// 429 `auth.locked` with details.retryAfterSeconds. The message is the same for every kind of
// lock and whether or not the account exists.
core::Error locked_error(const LockState& state, std::int64_t now_ms);

inline constexpr std::int64_t kFailureMemoryMs = 24LL * 3600 * 1000;

// The counting rules, pure so they can be tested without a database.
login_failure_repo::Counter next_account_counter(const std::optional<login_failure_repo::Counter>& previous,
                                                 std::int64_t now_ms, int max_failures, std::int64_t lock_ms);
login_failure_repo::Counter next_ip_counter(const std::optional<login_failure_repo::Counter>& previous,
                                            std::int64_t now_ms, int max_failures, std::int64_t window_ms);

class LoginLockout {
 public:
  LoginLockout(core::ChangeLog& changes, const core::Clock& clock, const SettingsService& settings)
      : changes_(changes), clock_(clock), settings_(settings) {}

  // Whether attempts for `subject` from `ip` are refused right now, and until when.
  LockState check(core::Conn& c, const std::string& ip, const SignInSubject& subject) const;
  // Counts a failed attempt against the account (or address) and the IP; writes
  // `auth.login_failed` with `reason` and, when this attempt locks either, `auth.locked`.
  LockState record_failure(core::Tx& tx, const core::Actor& actor, const SignInSubject& subject,
                           const std::string& reason);
  // An attempt refused during a lock: logged, but not counted, so retrying does not extend it.
  void record_refused(core::Tx& tx, const core::Actor& actor, const SignInSubject& subject);
  // A successful sign-in (or re-authentication) ends the account's run of failures.
  void record_success(core::Tx& tx, const std::string& user_id);

 private:
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
};

}  // namespace cove::accounts
