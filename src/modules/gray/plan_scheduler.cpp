#include "modules/gray/plan_scheduler.hpp"

#include "core/log.hpp"

namespace cove::gray {

void PlanScheduler::start() {
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; })) {
      lock.unlock();
      try {
        plans_.apply_due_steps(clock_.unix_millis());
      } catch (const std::exception& e) {
        // The next tick retries; a step is applied at most once (its own transaction).
        core::log::error("gray schedule failed", {{"error", e.what()}});
      }
      lock.lock();
    }
  });
}

void PlanScheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace cove::gray
