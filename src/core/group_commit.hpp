#pragma once
// Many threads' small writes committed together. Under `db.synchronous=full` every commit waits
// for an fsync, so threads that each commit a tiny transaction (a webhook worker recording one
// attempt) spend most of their time waiting on the disk one after another. Here each caller's work
// joins a queue; a caller that finds no commit under way takes everything queued and runs it in one
// transaction (one fsync for all), the others wait for theirs. write() returns only once the work
// committed, so callers keep their usual guarantee.
//
// If one piece of work throws, the batch is rolled back and each piece is run again in its own
// transaction, so one caller's error never loses another's write; work must therefore only touch
// the database (no side effects outside the transaction — use Tx::after_commit for those).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

#include "core/db.hpp"

namespace cove::core {

class GroupCommit {
 public:
  explicit GroupCommit(Db& db, std::size_t max_batch = 64) : db_(db), max_batch_(max_batch) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  // Runs `work` in a write transaction shared with other callers' work; returns once it committed
  // and rethrows what `work` threw (then nothing of it was written).
  void write(const std::function<void(Tx&)>& work);

  // Transactions committed and pieces of work they carried, for tests and /metrics.
  std::size_t commits() const;
  std::size_t writes() const;

 private:
  struct Job {
    const std::function<void(Tx&)>* work;
    std::exception_ptr error;
    bool done = false;
  };
  void run(const std::deque<Job*>& batch);

  Db& db_;
  const std::size_t max_batch_;
  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::deque<Job*> queue_;
  bool leading_ = false;  // a caller is committing a batch
  std::size_t commits_ = 0;
  std::size_t writes_ = 0;
};

}  // namespace cove::core
