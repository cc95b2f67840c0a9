#include "app/blob_collector.hpp"

#include "core/log.hpp"

namespace cove::app {

void BlobCollector::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    auto next = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
      lock.unlock();
      try {
        collect();
      } catch (const std::exception& e) {
        core::log::error("blob collection failed", {{"error", e.what()}});
      }
      lock.lock();
      next = std::chrono::steady_clock::now() + std::chrono::hours(1);
    }
  });
}

void BlobCollector::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::size_t BlobCollector::collect(std::chrono::seconds grace) {
  // The store logs what it deleted.
  return blobs_.collect_garbage(
      [this](const std::string& sha256) {
        return db_.read([&](core::Conn& c) {
          for (const auto& m : modules_) {
            if (m->references_blob(c, sha256)) return true;
          }
          return false;
        });
      },
      grace);
}

}  // namespace cove::app
