#include "http/rate_limit.hpp"

#include <algorithm>
#include <functional>

namespace cove::http {

RateLimiter::RateLimiter(double per_second, double burst, std::size_t max_keys)
    : rate_(per_second), burst_(std::max(burst, 1.0)), max_keys_per_shard_(std::max<std::size_t>(max_keys / kShards, 16)) {}

bool RateLimiter::allow(std::string_view key, double& retry_after_s) {
  const auto now = std::chrono::steady_clock::now();
  auto& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(std::string(key));
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_keys_per_shard_) {
      // Sweep buckets that have refilled completely: they carry no state worth keeping.
      std::erase_if(shard.buckets, [&](const auto& kv) {
        const double elapsed = std::chrono::duration<double>(now - kv.second.updated).count();
        return kv.second.tokens + elapsed * rate_ >= burst_;
      });
    }
    it = shard.buckets.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  auto& b = it->second;
  const double elapsed = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  retry_after_s = rate_ > 0 ? (1.0 - b.tokens) / rate_ : 60.0;
  return false;
}

std::size_t RateLimiter::size() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s.mutex);
    n += s.buckets.size();
  }
  return n;
}

}  // namespace cove::http
