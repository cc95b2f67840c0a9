#pragma once
// The data directory layout and its exclusive lock. `cove serve`, `cove migrate` and
// `cove restore` hold an flock on <data>/cove.lock for their lifetime; restore refuses while a
// server holds it. The lock dies with the process, so a crash never leaves it stale.
#include <filesystem>
#include <stdexcept>

namespace cove::app {

class DataDirBusy : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DataPaths {
  std::filesystem::path root;
  std::filesystem::path db() const { return root / "cove.db"; }
  std::filesystem::path blobs() const { return root / "blobs"; }
  std::filesystem::path secrets() const { return root / "secrets"; }
  std::filesystem::path lock() const { return root / "cove.lock"; }
};

class DataDirLock {
 public:
  DataDirLock() = default;
  // Creates the directory (0700) if needed and takes the lock; throws DataDirBusy when held.
  static DataDirLock acquire(const std::filesystem::path& root);
  ~DataDirLock();
  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace cove::app
