#pragma once
// A short-lived memo of resolved identities, so an authenticated request does not re-read the
// session, user and memberships (or the API key) that the previous request of the same caller
// has just read (DESIGN.md §12: the console list budget).
//
// An entry is used only while all of these hold:
//  - the database's write generation is still the one read *before* the entry was loaded.
//    Every committed write transaction bumps it (Db::on_commit runs before write() returns), so a
//    revoked session, a suspended organisation, a changed role, a disabled user, a revoked key …
//    take effect on the very next request, and no write path has to remember to invalidate;
//  - the security settings object is the one the entry was built with (settings are swapped in
//    memory after their transaction commits, so the generation alone could miss them);
//  - its deadline has not passed: the earliest of load time + kTtlMs and every moment at which
//    stored data turns the entry invalid by itself (session or key expiry, password expiry, the
//    end of a rotated key's grace period).
// The TTL bounds staleness only for writes that do not go through this process's Db (another
// process on the same data directory, e.g. `cove admin create-operator`).
//
// Thread-safe. At most kMaxEntries entries: a full cache first drops its stale entries, and
// when all are live it starts afresh (a flood of distinct tokens costs reloads, never memory).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/db.hpp"

namespace cove::accounts {

template <class Value>
class PrincipalCache {
 public:
  static constexpr std::int64_t kTtlMs = 5000;
  static constexpr std::size_t kMaxEntries = 10000;

  // Counts commits of `db` from now on. The counter is shared with the hook, so the hook stays
  // valid whichever of the two is destroyed first.
  explicit PrincipalCache(core::Db& db) : generation_(std::make_shared<std::atomic<std::uint64_t>>(0)) {
    db.on_commit([g = generation_] { g->fetch_add(1, std::memory_order_acq_rel); });
  }

  // Read this before loading what will be stored, and pass it to put().
  std::uint64_t generation() const { return generation_->load(std::memory_order_acquire); }

  // `settings` is the settings object the caller uses now. Entries hold the one they were built
  // with, so its address cannot be reused by a newer object while an entry compares against it.
  std::optional<Value> get(const std::string& key, const std::shared_ptr<const void>& settings,
                           std::int64_t now_ms) const {
    const auto gen = generation();
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || !fresh(it->second, gen, settings, now_ms)) return std::nullopt;
    return it->second.value;
  }

  // `deadline_ms` is the earliest moment the loaded data stops being valid on its own.
  void put(const std::string& key, Value value, std::uint64_t loaded_generation,
           std::shared_ptr<const void> settings, std::int64_t now_ms, std::int64_t deadline_ms) {
    Entry e{std::move(value), loaded_generation, std::move(settings), std::min(deadline_ms, now_ms + kTtlMs)};
    const auto gen = generation();
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries && !entries_.contains(key)) {
      std::erase_if(entries_, [&](const auto& kv) { return !fresh(kv.second, gen, e.settings, now_ms); });
      if (entries_.size() >= kMaxEntries) entries_.clear();
    }
    entries_.insert_or_assign(key, std::move(e));
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    Value value;
    std::uint64_t generation = 0;
    std::shared_ptr<const void> settings;
    std::int64_t deadline_ms = 0;
  };

  static bool fresh(const Entry& e, std::uint64_t gen, const std::shared_ptr<const void>& settings,
                    std::int64_t now_ms) {
    return e.generation == gen && e.settings == settings && now_ms < e.deadline_ms;
  }

  std::shared_ptr<std::atomic<std::uint64_t>> generation_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace cove::accounts
