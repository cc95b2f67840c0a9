#include "modules/webhooks/dispatcher.hpp"

#include <chrono>

#include "core/log.hpp"

namespace cove::webhooks {

void Dispatcher::start() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  for (int i = 0; i < worker_count_; ++i) threads_.emplace_back([this] { run(); });
}

void Dispatcher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void Dispatcher::wake() {
  {
    std::lock_guard lock(mutex_);
    ++generation_;
  }
  wake_.notify_all();
}

void Dispatcher::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto seen = generation_;
    std::optional<Message> message;
    std::int64_t next_ms = 0;
    try {
      // Claiming under the lock: two workers never take the same endpoint.
      message = deliveries_.next_due({busy_.begin(), busy_.end()});
      if (!message) next_ms = deliveries_.next_due_ms();
    } catch (const std::exception& e) {
      core::log::error("webhook dispatcher could not read its queue", {{"error", e.what()}});
      wake_.wait_for(lock, std::chrono::seconds(5), [&] { return stopping_; });
      continue;
    }
    if (!message) {
      const auto changed = [&] { return stopping_ || generation_ != seen; };
      if (next_ms == 0) {
        wake_.wait(lock, changed);
      } else {
        // Due already (its endpoint busy: wait for a delivery to finish) or later (sleep till then;
        // the wall clock may jump, so never longer than a minute).
        const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
        const auto wait_ms = std::clamp<std::int64_t>(next_ms - now_ms, 0, 60000);
        if (wait_ms == 0) wake_.wait(lock, changed);
        else wake_.wait_for(lock, std::chrono::milliseconds(wait_ms), changed);
      }
      continue;
    }
    busy_.insert(message->endpoint_id);
    lock.unlock();
    try {
      deliveries_.deliver(*message);
    } catch (const std::exception& e) {
      // The message stays pending and is tried again; the database error is worth a line.
      core::log::error("webhook delivery could not be recorded", {{"message", message->id}, {"error", e.what()}});
    }
    lock.lock();
    busy_.erase(message->endpoint_id);
    ++generation_;
    wake_.notify_all();
  }
}

}  // namespace cove::webhooks
