#include "app/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace cove::app {

namespace fs = std::filesystem;

DataDirLock DataDirLock::acquire(const fs::path& root) {
  std::error_code ec;
  // The data directory holds secrets: nobody but the owner may list or enter it.
  if (fs::create_directories(root, ec)) {
    fs::permissions(root, fs::perms::owner_all, ec);
  }
  if (ec) {
    throw std::runtime_error(fmt::format("cannot create data directory {}: {}", root.string(), ec.message()));
  }

  const fs::path path = DataPaths{root}.lock();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error(
        fmt::format("cannot open lock file {}: {}", path.string(), std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      throw DataDirBusy(fmt::format("data directory {} is in use by another cove process (a running server?)",
                                    root.string()));
    }
    throw std::runtime_error(fmt::format("cannot lock {}: {}", path.string(), std::strerror(err)));
  }
  DataDirLock lock;
  lock.fd_ = fd;
  return lock;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

}  // namespace cove::app
