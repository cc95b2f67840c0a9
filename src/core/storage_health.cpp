#include "core/storage_health.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <vector>

#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>

#include "core/log.hpp"

namespace cove::core {

namespace {
constexpr auto kRefreshEvery = std::chrono::seconds(1);
constexpr std::size_t kProbeBytes = 64 * 1024;  // a page of WAL plus a blob's first chunk
}  // namespace

bool is_storage_full(std::error_code ec) {
  return ec.category() == std::generic_category() || ec.category() == std::system_category()
             ? (ec.value() == ENOSPC || ec.value() == EDQUOT)
             : false;
}

bool is_storage_full(const std::exception& e) {
  if (const auto* s = dynamic_cast<const SQLite::Exception*>(&e)) {
    return (s->getErrorCode() & 0xFF) == SQLITE_FULL;
  }
  if (const auto* f = dynamic_cast<const std::filesystem::filesystem_error*>(&e))
    return is_storage_full(f->code());
  if (const auto* s = dynamic_cast<const std::system_error*>(&e)) return is_storage_full(s->code());
  return false;
}

std::string_view storage_kind(const std::exception& e) {
  return dynamic_cast<const SQLite::Exception*>(&e) ? "database" : "file";
}

StorageHealth::StorageHealth(std::filesystem::path dir, std::uint64_t min_free_bytes)
    : dir_(std::move(dir)), min_free_bytes_(min_free_bytes) {}

void StorageHealth::record_full(std::string_view what) {
  std::lock_guard lock(mutex_);
  if (!failed_) log::error("the data directory is full: writes fail until space is freed", {{"what", what}});
  failed_ = true;
  failure_ = fmt::format("{} writes fail: no space left in the data directory", what);
  probed_ = Clock::now();  // the failure itself was the probe
}

void StorageHealth::refresh_locked(Clock::time_point now) {
  if (checked_ != Clock::time_point{} && now - checked_ < kRefreshEvery) return;
  checked_ = now;
  struct statvfs st {};
  if (::statvfs(dir_.c_str(), &st) == 0) free_bytes_ = static_cast<std::uint64_t>(st.f_bavail) * st.f_frsize;
}

// Writes, syncs and removes a small file: what a database page or an upload needs to succeed.
bool StorageHealth::probe_write_locked() {
  const auto path = dir_ / ".storage-probe";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const std::vector<char> zeros(kProbeBytes, 0);
  bool ok = ::write(fd, zeros.data(), zeros.size()) == static_cast<ssize_t>(zeros.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  ::unlink(path.c_str());
  return ok;
}

StorageStatus StorageHealth::status() {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  refresh_locked(now);
  if (failed_ && now - probed_ >= kRefreshEvery) {
    probed_ = now;
    if (probe_write_locked()) {
      failed_ = false;
      log::info("the data directory takes writes again", {{"freeBytes", std::to_string(free_bytes_)}});
    }
  }
  StorageStatus s{true, {}, free_bytes_};
  if (failed_) {
    s.writable = false;
    s.reason = failure_;
  } else if (free_bytes_ < min_free_bytes_) {
    s.writable = false;
    s.reason =
        fmt::format("only {} bytes free in the data directory (minimum {})", free_bytes_, min_free_bytes_);
  }
  return s;
}

std::uint64_t StorageHealth::free_bytes() {
  std::lock_guard lock(mutex_);
  refresh_locked(Clock::now());
  return free_bytes_;
}

}  // namespace cove::core
