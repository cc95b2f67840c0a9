#pragma once
// A bare TCP client for server tests that must control the bytes on the wire: partial heads,
// pipelined requests, stalls, oversized headers. Plain POSIX sockets, so the tests exercise the
// server without sharing its HTTP code.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cove::test {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Case-insensitive lookup of the first header with this name.
  std::optional<std::string> header(std::string_view name) const;
};

class RawSocket {
 public:
  // Connects to 127.0.0.1:port; throws std::runtime_error if the connection is refused. `from`, a
  // loopback address such as "127.0.0.2", makes the connection come from there: a second client
  // address for tests of per-address limits.
  explicit RawSocket(std::uint16_t port, const char* from = nullptr);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  // Sends all of `bytes`; false if the peer closed or reset the connection.
  bool send(std::string_view bytes);
  // Reads one response: the head, then Content-Length bytes of body (none for HEAD, 1xx, 204,
  // 304), or up to the close when there is no length. Empty on timeout or a closed connection.
  std::optional<RawResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10),
                                           bool head_request = false);
  // Whether the server closes (or resets) the connection within `timeout`; bytes that arrive
  // meanwhile are discarded.
  bool closed_within(std::chrono::milliseconds timeout);
  // Whether the server sends something or closes within `timeout`; nothing is consumed.
  bool readable_within(std::chrono::milliseconds timeout);
  // Everything the server sends until it closes or `timeout` passes.
  std::string read_until_close(std::chrono::milliseconds timeout);
  // What arrives up to and including the first `needle` (the rest stays buffered); nullopt when
  // the connection closes or `timeout` passes first. For streamed responses (Server-Sent Events).
  std::optional<std::string> read_until(std::string_view needle, std::chrono::milliseconds timeout);

 private:
  // Reads more into buffer_; false on close, reset or when the deadline passes.
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
};

}  // namespace cove::test
