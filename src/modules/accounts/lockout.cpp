#include "modules/accounts/lockout.hpp"

#include <algorithm>

namespace cove::accounts {

namespace {

using login_failure_repo::Counter;

constexpr std::size_t kMaxLoggedEmail = 254;

std::optional<Counter> account_counter(core::Conn& c, const SignInSubject& subject) {
  return subject.user_id.empty() ? login_failure_repo::find_unknown_email(c, subject.email)
                                 : login_failure_repo::find_user(c, subject.user_id);
}

core::AuditEntry failure_entry(const SignInSubject& subject, const std::string& reason) {
  return {.action = "auth.login_failed",
          .target_type = "user",
          .target_id = subject.user_id,
          .after = {{"email", subject.email.substr(0, kMaxLoggedEmail)}, {"reason", reason}}};
}

}  // namespace

core::Error locked_error(const LockState& state, std::int64_t now_ms) {
  return core::Error(
      429, "auth.locked", "Too many failed sign-in attempts; try again later",
      {{"retryAfterSeconds", std::max<std::int64_t>(1, (state.until_ms - now_ms + 999) / 1000)}});
}

Counter next_account_counter(const std::optional<Counter>& previous, std::int64_t now_ms, int max_failures,
                             std::int64_t lock_ms) {
  Counter c = previous.value_or(Counter{});
  const bool lock_ended = c.locked_until_ms != 0 && c.locked_until_ms <= now_ms;
  if (lock_ended || now_ms - c.since_ms > kFailureMemoryMs) c = Counter{};
  c.failures += 1;
  c.since_ms = now_ms;
  if (c.failures >= max_failures) c.locked_until_ms = now_ms + lock_ms;
  return c;
}

Counter next_ip_counter(const std::optional<Counter>& previous, std::int64_t now_ms, int max_failures,
                        std::int64_t window_ms) {
  Counter c = previous.value_or(Counter{});
  const bool lock_ended = c.locked_until_ms != 0 && c.locked_until_ms <= now_ms;
  if (!previous || lock_ended || now_ms - c.since_ms >= window_ms) c = Counter{.since_ms = now_ms};
  c.failures += 1;
  if (c.failures >= max_failures) c.locked_until_ms = now_ms + window_ms;
  return c;
}

LockState LoginLockout::check(core::Conn& c, const std::string& ip, const SignInSubject& subject) const {
  const auto now = clock_.unix_millis();
  std::int64_t until = 0;
  if (auto counter = login_failure_repo::find_ip(c, ip)) until = counter->locked_until_ms;
  if (auto counter = account_counter(c, subject)) until = std::max(until, counter->locked_until_ms);
  return until > now ? LockState{true, until} : LockState{};
}

LockState LoginLockout::record_failure(core::Tx& tx, const core::Actor& actor, const SignInSubject& subject,
                                       const std::string& reason) {
  const auto now = clock_.unix_millis();
  const auto security = settings_.security();
  const std::int64_t lock_ms = std::int64_t{security->lockout_minutes} * 60 * 1000;

  const auto account =
      next_account_counter(account_counter(tx, subject), now, security->lockout_max_failures, lock_ms);
  if (subject.user_id.empty()) {
    login_failure_repo::save_unknown_email(tx, subject.email, account);
  } else {
    login_failure_repo::save_user(tx, subject.user_id, account);
  }
  const auto ip =
      next_ip_counter(login_failure_repo::find_ip(tx, actor.ip), now, security->ip_max_failures, lock_ms);
  login_failure_repo::save_ip(tx, actor.ip, ip);
  login_failure_repo::prune(tx, now - kFailureMemoryMs);

  changes_.record(tx, actor, failure_entry(subject, reason));
  LockState state;
  // The counters were unlocked before this attempt (locked attempts go to record_refused), so a
  // lock in the future was set by this very failure.
  if (account.locked_until_ms > now) {
    changes_.record(tx, actor,
                  {.action = "auth.locked",
                   .target_type = "user",
                   .target_id = subject.user_id,
                   .after = {{"scope", "account"},
                             {"email", subject.email.substr(0, kMaxLoggedEmail)},
                             {"until", core::format_rfc3339_millis(account.locked_until_ms)}}});
    state = {true, account.locked_until_ms};
  }
  if (ip.locked_until_ms > now) {
    changes_.record(tx, actor,
                  {.action = "auth.locked",
                   .target_type = "ip",
                   .target_id = actor.ip,
                   .after = {{"scope", "ip"}, {"until", core::format_rfc3339_millis(ip.locked_until_ms)}}});
    state = {true, std::max(state.until_ms, ip.locked_until_ms)};
  }
  return state;
}

void LoginLockout::record_refused(core::Tx& tx, const core::Actor& actor, const SignInSubject& subject) {
  changes_.record(tx, actor, failure_entry(subject, "locked"));
}

void LoginLockout::record_success(core::Tx& tx, const std::string& user_id) {
  login_failure_repo::save_user(tx, user_id, Counter{});
}

}  // namespace cove::accounts
