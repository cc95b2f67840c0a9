#include "modules/runtime/catalog_store.hpp"

#include "core/log.hpp"

namespace cove::runtime {

CatalogStore::~CatalogStore() { stop(); }

void CatalogStore::start() {
  rebuild();
  thread_ = std::thread([this] { run(); });
}

void CatalogStore::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CatalogStore::mark_stale() {
  {
    std::lock_guard lock(mutex_);
    stale_ = true;
  }
  wake_.notify_one();
}

void CatalogStore::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stale_ || stopping_; });
    if (stopping_) return;
    stale_ = false;
    lock.unlock();
    rebuild();
    lock.lock();
  }
}

void CatalogStore::rebuild() {
  try {
    current_.store(build_(), std::memory_order_release);
    rebuilds_.fetch_add(1);
  } catch (const std::exception& e) {
    // Keep serving the previous snapshot; the next change triggers another attempt.
    core::log::error("runtime catalog rebuild failed", {{"error", e.what()}});
  }
}

}  // namespace cove::runtime
