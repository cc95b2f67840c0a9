#pragma once
// Deletes blobs no module refers to any more (DESIGN.md §5): packages of deleted versions,
// replaced icons and scans. Runs on its own thread a minute after start and then hourly; a blob
// younger than blobs.gcGraceHours is kept, so an upload whose row is not written yet survives.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/blob_store.hpp"
#include "core/db.hpp"
#include "modules/module.hpp"

namespace cove::app {

class BlobCollector {
 public:
  BlobCollector(core::Db& db, core::BlobStore& blobs,
                const std::vector<std::unique_ptr<modules::Module>>& modules, std::chrono::hours grace)
      : db_(db), blobs_(blobs), modules_(modules), grace_(grace) {}
  ~BlobCollector() { stop(); }

  void start();
  void stop();
  // One pass now; returns the number of blobs deleted. `grace` overrides the configured one
  // (tests pass a negative grace to make every unreferenced blob eligible at once).
  std::size_t collect(std::chrono::seconds grace);
  std::size_t collect() { return collect(grace_); }

 private:
  core::Db& db_;
  core::BlobStore& blobs_;
  const std::vector<std::unique_ptr<modules::Module>>& modules_;
  std::chrono::hours grace_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cove::app
