#include "modules/apps/nonce_cache.hpp"

#include <functional>
#include <string>

#include "core/log.hpp"

namespace cove::apps {

namespace {

// 64 bits of a hash over both parts: a collision needs another key's future random nonce, and
// would only refuse one request as a replay.
std::uint64_t key_of(std::string_view sdk_key, std::string_view nonce) {
  const auto a = std::hash<std::string_view>{}(sdk_key);
  const auto b = std::hash<std::string_view>{}(nonce);
  return a * 0x9E3779B97F4A7C15ULL ^ (b + 0x7F4A7C159E3779B9ULL + (a << 6) + (a >> 2));
}

}  // namespace

bool NonceCache::first_use(std::string_view sdk_key, std::string_view nonce, std::int64_t now_ms,
                           std::int64_t expires_ms) {
  const auto key = key_of(sdk_key, nonce);
  auto& shard = shards_[key % kShards];
  std::lock_guard lock(shard.mutex);
  while (!shard.order.empty() &&
         (shard.order.front().expires_ms <= now_ms || shard.order.size() >= per_shard_cap_)) {
    if (shard.order.front().expires_ms > now_ms && !warned_full_.exchange(true)) {
      core::log::warn("runtime nonce cache is full; forgetting the oldest nonces before their window ends");
    }
    shard.seen.erase(shard.order.front().key);
    shard.order.pop_front();
  }
  if (!shard.seen.insert(key).second) return false;
  shard.order.push_back({key, expires_ms});
  return true;
}

std::size_t NonceCache::size() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s.mutex);
    n += s.order.size();
  }
  return n;
}

}  // namespace cove::apps
