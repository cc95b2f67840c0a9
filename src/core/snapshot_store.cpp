#include "core/snapshot_store.hpp"

#include "core/log.hpp"

namespace cove::core {

void SnapshotRebuilder::start() {
  rebuild_now();
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void SnapshotRebuilder::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SnapshotRebuilder::mark_stale() {
  {
    std::lock_guard lock(mutex_);
    stale_ = true;
  }
  wake_.notify_one();
}

void SnapshotRebuilder::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stale_ || stopping_; });
    if (stopping_) return;
    stale_ = false;
    lock.unlock();
    rebuild_now();
    lock.lock();
  }
}

void SnapshotRebuilder::rebuild_now() {
  try {
    rebuild_();
    rebuilds_.fetch_add(1);
  } catch (const std::exception& e) {
    // Keep serving the previous snapshot; the next change triggers another attempt.
    log::error("snapshot rebuild failed", {{"snapshot", name_}, {"error", e.what()}});
  }
}

}  // namespace cove::core
