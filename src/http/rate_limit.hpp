#pragma once
// Token-bucket rate limiting keyed by a string (client IP, API key id). Sharded maps keep lock
// contention low; idle buckets are swept so the table cannot grow without bound.
#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cove::http {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst, std::size_t max_keys = 100000);
  // True if a request for `key` may proceed now; otherwise `retry_after_s` is set.
  bool allow(std::string_view key, double& retry_after_s);
  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point updated;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr std::size_t kShards = 16;
  double rate_;
  double burst_;
  std::size_t max_keys_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace cove::http
