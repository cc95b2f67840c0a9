#pragma once
// Holds the current catalog snapshot and rebuilds it off the request path: an outbox subscriber
// marks it stale; a background thread rebuilds from one read transaction and swaps the pointer
// atomically. Readers take the pointer and keep their snapshot for the whole request.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "modules/runtime/catalog.hpp"

namespace cove::runtime {

class CatalogStore {
 public:
  using Builder = std::function<std::shared_ptr<const Catalog>()>;

  explicit CatalogStore(Builder build) : build_(std::move(build)) {}
  ~CatalogStore();

  // Builds the first snapshot synchronously, then starts the rebuild thread.
  void start();
  void stop();
  // Something changed: rebuild soon. Changes that arrive during a rebuild cause one more.
  void mark_stale();

  std::shared_ptr<const Catalog> current() const { return current_.load(std::memory_order_acquire); }
  std::uint64_t rebuilds() const { return rebuilds_.load(); }

 private:
  void run();
  void rebuild();

  Builder build_;
  std::atomic<std::shared_ptr<const Catalog>> current_;
  std::atomic<std::uint64_t> rebuilds_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stale_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cove::runtime
