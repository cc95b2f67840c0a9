#pragma once
// Whether the data directory can take writes. A full disk (or quota) used to surface as a 500
// `internal_error` on every write while /readyz stayed 200; now a write that fails for lack of
// space is answered 507 `storage_full` (see is_storage_full) and recorded here, and readiness
// reports not-ready with the reason until a probe write succeeds again.
//
// Cheap by construction: status() reads statvfs at most once a second and, only after a
// failure was recorded, tries one small probe write at most once a second. Thread-safe.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <system_error>

namespace cove::core {

// SQLITE_FULL from SQLite, ENOSPC or EDQUOT from the file system (std::system_error and
// std::filesystem::filesystem_error carry the errno).
bool is_storage_full(const std::exception& e);
bool is_storage_full(std::error_code ec);
// "database" for SQLite's errors, "file" for the others: what record_full() is told.
std::string_view storage_kind(const std::exception& e);

struct StorageStatus {
  bool writable = true;
  std::string reason;  // why not, for /readyz and the log; empty when writable
  std::uint64_t free_bytes = 0;
};

class StorageHealth {
 public:
  // `min_free_bytes`: below this much free space the directory counts as full (0 = only real
  // write failures count).
  StorageHealth(std::filesystem::path dir, std::uint64_t min_free_bytes);

  // A write failed for lack of space (`what` names it for the log: "database", "upload", …).
  void record_full(std::string_view what);
  StorageStatus status();
  // Free bytes for the current user, as of the last statvfs (refreshed when older than 1 s).
  std::uint64_t free_bytes();

 private:
  using Clock = std::chrono::steady_clock;
  void refresh_locked(Clock::time_point now);
  bool probe_write_locked();

  std::filesystem::path dir_;
  std::uint64_t min_free_bytes_;
  std::mutex mutex_;
  Clock::time_point checked_{};
  std::uint64_t free_bytes_ = 0;
  bool failed_ = false;  // a write failed for lack of space and no probe has succeeded since
  std::string failure_;
  Clock::time_point probed_{};
};

}  // namespace cove::core
