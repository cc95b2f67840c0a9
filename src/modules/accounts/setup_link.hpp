#pragma once
// The one-time setup link of a fresh installation (DESIGN.md §9): when no platform admin exists
// and the configuration names none, start-up issues a random token and logs the console path
// `/setup#<token>` (a URL fragment never reaches the server, so access logs cannot record it).
// Whoever holds the link creates the first platform admin once; the token lives in memory only
// and a restart issues a new one. Thread-safe.
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace cove::accounts {

class SetupLink {
 public:
  // Issues a fresh token and returns it (replacing any earlier one).
  std::string issue();
  bool pending() const;
  // Runs `create` while holding the link when `token` matches, then retires the token; false when
  // it does not match. `create` may throw (bad input): the token then stays valid.
  template <class Create>
  bool redeem(std::string_view token, Create&& create) {
    std::lock_guard lock(mutex_);
    if (!matches(token)) return false;
    create();
    hash_.reset();
    return true;
  }

 private:
  bool matches(std::string_view token) const;  // caller holds mutex_
  mutable std::mutex mutex_;
  std::optional<std::string> hash_;  // SHA-256 of the token
};

}  // namespace cove::accounts
