#include "core/periodic_task.hpp"

#include "core/log.hpp"

namespace cove::core {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds every, std::function<void()> fn,
                           std::chrono::milliseconds first_delay)
    : name_(std::move(name)), every_(every), fn_(std::move(fn)), first_delay_(first_delay) {}

void PeriodicTask::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PeriodicTask::run() {
  std::unique_lock lock(mutex_);
  auto next = std::chrono::steady_clock::now() + first_delay_;
  while (!wake_.wait_until(lock, next, [this] { return stopping_; })) {
    lock.unlock();
    try {
      fn_();
    } catch (const std::exception& e) {
      // The next run retries; jobs are written so that a repeated run is harmless.
      log::error("background job failed", {{"job", name_}, {"error", e.what()}});
    }
    lock.lock();
    next = std::chrono::steady_clock::now() + every_;
  }
}

void PeriodicTask::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

}  // namespace cove::core
