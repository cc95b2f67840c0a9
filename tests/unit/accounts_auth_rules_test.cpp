// Rules behind sign-in that need no server: lockout counting, temporary passwords, recovery-code
// typing, and list cursors.
#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "modules/accounts/lockout.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/totp_service.hpp"

using namespace cove::accounts;
using login_failure_repo::Counter;

namespace {
constexpr std::int64_t kMinute = 60 * 1000;
constexpr std::int64_t kLock = 15 * kMinute;
}  // namespace

TEST_CASE("an account locks on the Nth consecutive failure", "[unit][auth]") {
  std::optional<Counter> c;
  for (int i = 1; i <= 4; ++i) {
    c = next_account_counter(c, 1000 * i, 5, kLock);
    CHECK(c->failures == i);
    CHECK(c->locked_until_ms == 0);
  }
  c = next_account_counter(c, 5000, 5, kLock);
  CHECK(c->locked_until_ms == 5000 + kLock);
}

TEST_CASE("an account's count starts over when its lock ended or after a quiet day", "[unit][auth]") {
  const Counter locked{.failures = 5, .since_ms = 0, .locked_until_ms = kLock};
  const auto after_lock = next_account_counter(locked, kLock + 1, 5, kLock);
  CHECK(after_lock.failures == 1);
  CHECK(after_lock.locked_until_ms == 0);

  const Counter four{.failures = 4, .since_ms = 0};
  CHECK(next_account_counter(four, kFailureMemoryMs, 5, kLock).locked_until_ms != 0);
  CHECK(next_account_counter(four, kFailureMemoryMs + 1, 5, kLock).failures == 1);
}

TEST_CASE("an IP locks when it fails too often within the window", "[unit][auth]") {
  std::optional<Counter> c;
  for (int i = 0; i < 2; ++i) c = next_ip_counter(c, 100 + i, 3, kLock);
  CHECK(c->failures == 2);
  CHECK(c->since_ms == 100);
  // The window runs from the first failure: one more inside it locks.
  CHECK(next_ip_counter(c, 100 + kLock - 1, 3, kLock).locked_until_ms == 100 + kLock - 1 + kLock);
  // Outside it, counting starts again.
  const auto fresh = next_ip_counter(c, 100 + kLock, 3, kLock);
  CHECK(fresh.failures == 1);
  CHECK(fresh.since_ms == 100 + kLock);
}

TEST_CASE("locked_error reports whole seconds left, never zero", "[unit][auth]") {
  CHECK(locked_error({true, 10'500}, 0).details()["retryAfterSeconds"] == 11);
  CHECK(locked_error({true, 1'000}, 999).details()["retryAfterSeconds"] == 1);
  CHECK(locked_error({true, 5'000}, 0).status() == 429);
}

TEST_CASE("temporary passwords meet the policy and differ", "[unit][auth]") {
  SecuritySettings policy;
  for (int i = 0; i < 50; ++i) {
    const auto p = generate_temporary_password(policy);
    CHECK(p.size() == 16);
    CHECK(character_classes(p) == 4);
    for (char ambiguous : {'0', 'O', '1', 'l', 'I'}) CHECK(p.find(ambiguous) == std::string::npos);
  }
  CHECK(generate_temporary_password(policy) != generate_temporary_password(policy));

  policy.password_min_length = 40;
  CHECK(generate_temporary_password(policy).size() == 40);
}

TEST_CASE("recovery codes are compared without case, dashes or spaces", "[unit][auth]") {
  CHECK(normalize_recovery_code("ABCDE-fghij") == "abcdefghij");
  CHECK(normalize_recovery_code(" abcde fghij ") == "abcdefghij");
}
