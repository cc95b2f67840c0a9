#pragma once
// Where a streamed request body goes: a 0600 temp file in the upload directory, hashed with
// SHA-256 as it is written, so a 500 MB upload costs a fixed buffer of memory. Errors are
// returned, not thrown: this runs on the I/O path.
#include <cstdint>
#include <filesystem>
#include <system_error>

#include "core/crypto.hpp"
#include "http/types.hpp"

namespace cove::http {

class UploadSink {
 public:
  UploadSink() = default;
  // Removes the file unless finish() handed it to the request.
  ~UploadSink();
  UploadSink(const UploadSink&) = delete;
  UploadSink& operator=(const UploadSink&) = delete;

  std::error_code open(const std::filesystem::path& dir);
  std::error_code write(const char* data, std::size_t size);
  // Closes the file and describes it; from here on the request owns it.
  std::error_code finish(UploadedFile& out);

 private:
  int fd_ = -1;
  std::filesystem::path path_;
  core::crypto::Sha256 sha_;
  std::uint64_t size_ = 0;
};

}  // namespace cove::http
