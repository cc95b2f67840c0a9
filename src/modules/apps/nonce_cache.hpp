#pragma once
// Replay protection for signed SDK requests: remembers each (sdkKey, nonce) for the replay
// window and refuses a second use. Sharded so I/O threads rarely contend; bounded: past
// `max_entries` the oldest entries are forgotten early (logged once), so a flood cannot exhaust
// memory — with the default bound that takes millions of signed requests inside one window.
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string_view>
#include <unordered_set>

namespace cove::apps {

class NonceCache {
 public:
  explicit NonceCache(std::size_t max_entries = 4'000'000) : per_shard_cap_(max_entries / kShards + 1) {}

  // True the first time (sdk_key, nonce) is seen within its window; `expires_ms` is when it may
  // be forgotten. `now_ms` purges expired entries.
  bool first_use(std::string_view sdk_key, std::string_view nonce, std::int64_t now_ms,
                 std::int64_t expires_ms);
  std::size_t size() const;

 private:
  static constexpr std::size_t kShards = 16;
  struct Entry {
    std::uint64_t key;
    std::int64_t expires_ms;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_set<std::uint64_t> seen;
    std::deque<Entry> order;  // by insertion, so expiry is (almost) monotonic from the front
  };
  std::array<Shard, kShards> shards_;
  std::size_t per_shard_cap_;
  std::atomic<bool> warned_full_{false};
};

}  // namespace cove::apps
