#include "modules/accounts/setup_link.hpp"

#include "core/crypto.hpp"

namespace cove::accounts {

std::string SetupLink::issue() {
  auto token = core::crypto::base64url(core::crypto::random_bytes(32));
  std::lock_guard lock(mutex_);
  hash_ = core::crypto::sha256(token);
  return token;
}

bool SetupLink::pending() const {
  std::lock_guard lock(mutex_);
  return hash_.has_value();
}

bool SetupLink::matches(std::string_view token) const {
  return hash_ && token.size() <= 128 &&
         core::crypto::constant_time_equal(core::crypto::sha256(token), *hash_);
}

}  // namespace cove::accounts
