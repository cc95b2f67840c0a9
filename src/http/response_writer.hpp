#pragma once
// Writes a Response on a connection: the server owns the framing headers (Date, Content-Length,
// Connection); a string body goes out with the head in one gathered write, a file region in
// fixed-size chunks read with pread, so a large download never sits in memory. Internal to
// src/http.
#include <chrono>
#include <cstdint>

#include <boost/asio/awaitable.hpp>

#include "http/any_stream.hpp"
#include "http/types.hpp"

namespace cove::http {

// The open file behind Response::file. Opened before the head is built, so a file that vanished
// or shrank becomes a 500 instead of a 200 cut short.
class ResponseFile {
 public:
  ResponseFile() = default;
  // Empty when the file cannot be opened or is shorter than the region.
  static ResponseFile open(const FileBody& region);
  ~ResponseFile();
  ResponseFile(ResponseFile&& other) noexcept;
  ResponseFile& operator=(ResponseFile&& other) noexcept;
  explicit operator bool() const { return fd_ >= 0; }
  int fd() const { return fd_; }

 private:
  explicit ResponseFile(int fd) : fd_(fd) {}
  int fd_ = -1;
};

struct ResponseFraming {
  unsigned version = 11;  // the request's HTTP version (10 or 11)
  bool keep_alive = true;
  bool head_only = false;            // HEAD: the GET's headers, Content-Length included, and no body
  std::chrono::seconds timeout{30};  // each write must make progress within this
  bool until_close = false;          // no Content-Length: the body ends with the connection
};

// Sends `res`; its file region (when res.file is set) is read from `file`. Returns false when
// the connection failed, or a file ended early after its head went out: the caller then drops
// the connection.
asio::awaitable<bool> write_response(AnyStream& stream, Response& res, const ResponseFile& file,
                                     const ResponseFraming& framing);

// The head of an event stream (Response::events): no Content-Length, so the body runs until the
// connection closes (HTTP/1.1 §6.3), which is what an event stream does anyway.
asio::awaitable<bool> write_stream_head(AnyStream& stream, const Response& res, const ResponseFraming& framing);
// Bytes of a body whose head is out; false when the connection failed.
asio::awaitable<bool> write_text(AnyStream& stream, std::string_view text, std::chrono::seconds timeout);

}  // namespace cove::http
