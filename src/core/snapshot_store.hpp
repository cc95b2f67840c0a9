#pragma once
// An immutable snapshot of read-mostly data, rebuilt off the request path and swapped atomically
// (DESIGN.md §8): an outbox subscriber calls mark_stale(); a background thread rebuilds from the
// database and swaps the pointer; readers take the pointer and keep their snapshot for the whole
// request. A burst of changes costs one rebuild; a failed rebuild keeps the previous snapshot.
// The shape for anything the SDK asks for on every launch (the runtime catalog, host-app
// credentials, search, articles, domains).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace cove::core {

// The rebuild thread, independent of the snapshot's type.
class SnapshotRebuilder {
 public:
  SnapshotRebuilder(std::string name, std::function<void()> rebuild)
      : name_(std::move(name)), rebuild_(std::move(rebuild)) {}
  ~SnapshotRebuilder() { stop(); }
  SnapshotRebuilder(const SnapshotRebuilder&) = delete;
  SnapshotRebuilder& operator=(const SnapshotRebuilder&) = delete;

  // Builds the first snapshot synchronously, then starts the thread.
  void start();
  void stop();
  // Something changed: rebuild soon. Changes that arrive during a rebuild cause one more.
  void mark_stale();
  std::uint64_t rebuilds() const { return rebuilds_.load(); }

 private:
  void run();
  void rebuild_now();

  std::string name_;
  std::function<void()> rebuild_;
  std::atomic<std::uint64_t> rebuilds_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stale_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

template <class T>
class SnapshotStore {
 public:
  using Builder = std::function<std::shared_ptr<const T>()>;

  // `name` names the snapshot in the log ("runtime catalog").
  SnapshotStore(std::string name, Builder build)
      : build_(std::move(build)), rebuilder_(std::move(name), [this] { current_.store(build_(), std::memory_order_release); }) {}

  void start() { rebuilder_.start(); }
  void stop() { rebuilder_.stop(); }
  void mark_stale() { rebuilder_.mark_stale(); }
  std::shared_ptr<const T> current() const { return current_.load(std::memory_order_acquire); }
  std::uint64_t rebuilds() const { return rebuilder_.rebuilds(); }

 private:
  Builder build_;
  std::atomic<std::shared_ptr<const T>> current_;
  SnapshotRebuilder rebuilder_;  // last: its thread stops before the members it uses go
};

}  // namespace cove::core
