#pragma once
// MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm), as Unleash uses it for
// sticky percentage rollout: bucket = murmur3("<groupId>:<stickinessValue>", seed 0) % 100 + 1.
#include <cstdint>
#include <string>
#include <string_view>

namespace cove::gray {

std::uint32_t murmur3_x86_32(std::string_view data, std::uint32_t seed = 0);

// 1..100; a user is in a rollout of p percent when bucket <= p, so growing p never drops anyone.
inline int rollout_bucket(std::string_view group_id, std::string_view stickiness_value) {
  std::string key;
  key.reserve(group_id.size() + 1 + stickiness_value.size());
  key.append(group_id).append(":").append(stickiness_value);
  return static_cast<int>(murmur3_x86_32(key) % 100) + 1;
}

}  // namespace cove::gray
