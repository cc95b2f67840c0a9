#include "http/upload_sink.hpp"

#include <cerrno>
#include <exception>

#include <fcntl.h>
#include <unistd.h>

namespace cove::http {

namespace {
std::error_code last_error() { return {errno, std::generic_category()}; }
}  // namespace

UploadSink::~UploadSink() {
  if (fd_ < 0) return;
  ::close(fd_);
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

std::error_code UploadSink::open(const std::filesystem::path& dir) {
  std::string name;
  try {
    name = "upload-" + core::crypto::hex(core::crypto::random_bytes(12)) + ".part";
  } catch (const std::exception&) {
    return std::make_error_code(std::errc::io_error);
  }
  path_ = dir / name;
  // O_EXCL: never write through a file (or symlink) someone placed at that name.
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  return fd_ < 0 ? last_error() : std::error_code();
}

std::error_code UploadSink::write(const char* data, std::size_t size) {
  sha_.update(data, size);
  size_ += size;
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return last_error();
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return {};
}

std::error_code UploadSink::finish(UploadedFile& out) {
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const auto ec = last_error();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    return ec;
  }
  out.path = path_;
  out.sha256 = sha_.finish_hex();
  out.size = size_;
  return {};
}

}  // namespace cove::http
