#include "core/group_commit.hpp"

namespace cove::core {

void GroupCommit::write(const std::function<void(Tx&)>& work) {
  Job job{&work, nullptr, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&job);
  while (!job.done) {
    if (leading_) {
      done_.wait(lock);
      continue;
    }
    // No commit under way: this caller commits what is queued (its own work, if not yet taken).
    leading_ = true;
    std::deque<Job*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    run(batch);
    lock.lock();
    for (auto* j : batch) j->done = true;
    leading_ = false;
    done_.notify_all();
  }
  if (job.error) std::rethrow_exception(job.error);
}

void GroupCommit::run(const std::deque<Job*>& batch) {
  std::size_t commits = 0;
  try {
    db_.write([&](Tx& tx) {
      for (auto* j : batch) (*j->work)(tx);
    });
    commits = 1;
  } catch (...) {
    // Someone's work failed and took the batch with it: each again on its own.
    for (auto* j : batch) {
      try {
        db_.write([&](Tx& tx) { (*j->work)(tx); });
        ++commits;
      } catch (...) {
        j->error = std::current_exception();
      }
    }
  }
  std::lock_guard lock(mutex_);
  commits_ += commits;
  writes_ += batch.size();
}

std::size_t GroupCommit::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

std::size_t GroupCommit::writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

}  // namespace cove::core
