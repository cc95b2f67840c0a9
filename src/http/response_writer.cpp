#include "http/response_writer.hpp"

#include <array>
#include <cerrno>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/http/status.hpp>

#include "http/beast_convert.hpp"

namespace cove::http {

namespace {

constexpr std::size_t kFileChunk = 64 * 1024;
constexpr std::size_t kSendfileChunk = 1024 * 1024;
// Bodies up to this size are copied after the head and sent as one buffer.
constexpr std::size_t kInlineBody = 16 * 1024;

// 1xx, 204 and 304 responses never carry a body (RFC 9110 §6.4.1), nor a Content-Length here.
bool status_has_body(int status) { return status >= 200 && status != 204 && status != 304; }

// The status line and header block, written by hand: one contiguous buffer instead of Beast's
// per-field buffer sequence, which profiling showed as the largest user-space cost of a small
// response. Which handler headers go out is sendable_header()'s decision, as for Beast heads.
void append_head(std::string& out, const Response& res, const ResponseFraming& framing,
                 std::uint64_t length) {
  out += framing.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(res.status)));
  out += "\r\n";
  for (const auto& [name, value] : res.headers.items()) {
    if (sendable_header(name, value)) out.append(name).append(": ").append(value).append("\r\n");
  }
  out.append("Date: ").append(http_date()).append("\r\n");
  if (status_has_body(res.status) && !framing.until_close)
    out.append("Content-Length: ").append(std::to_string(length)).append("\r\n");
  if (framing.version >= 11 && !framing.keep_alive) out += "Connection: close\r\n";
  if (framing.version == 10 && framing.keep_alive) out += "Connection: keep-alive\r\n";
  out += "\r\n";
}

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// Writes the buffers in steps, each bounded by the timeout, so a large body to a slow but live
// client is not cut off while a stalled one is.
template <class Buffers>
asio::awaitable<bool> write_all(AnyStream& stream, const Buffers& buffers, std::chrono::seconds timeout) {
  beast::buffers_suffix<Buffers> rest(buffers);
  beast::error_code ec;
  while (beast::buffer_bytes(rest) > 0) {
    stream.expires_after(timeout);
    const std::size_t n = co_await stream.async_write_some(rest, nothrow(ec));
    if (ec) co_return false;
    rest.consume(n);
  }
  co_return true;
}

asio::awaitable<bool> write_string(AnyStream& stream, Response& res, const ResponseFraming& framing) {
  const bool body = status_has_body(res.status) && !framing.head_only;
  std::string head;
  head.reserve(512 + (body && res.body.size() <= kInlineBody ? res.body.size() : 0));
  append_head(head, res, framing, status_has_body(res.status) ? res.body.size() : 0);
  if (!body || res.body.empty())
    co_return co_await write_all(stream, asio::const_buffer(head.data(), head.size()), framing.timeout);
  if (res.body.size() <= kInlineBody) {
    head += res.body;  // small answers (the runtime's) leave in one segment
    co_return co_await write_all(stream, asio::const_buffer(head.data(), head.size()), framing.timeout);
  }
  const std::array<asio::const_buffer, 2> parts{asio::const_buffer(head.data(), head.size()),
                                                asio::const_buffer(res.body.data(), res.body.size())};
  co_return co_await write_all(stream, parts, framing.timeout);
}

// Plain TCP: the kernel moves the file's pages to the socket (sendfile), with no copy through user
// space, as nginx does. When the socket buffer is full it waits for the client to read, at most
// `timeout` per step of progress, so a client that stops reading cannot hold the connection.
// Returns false when the connection must end.
asio::awaitable<bool> send_file_region(beast::tcp_stream& tcp, int fd, std::uint64_t offset,
                                       std::uint64_t left, std::chrono::steady_clock::duration timeout) {
  auto& socket = tcp.socket();
  beast::error_code ec;
  socket.native_non_blocking(true, ec);
  if (ec) co_return false;
  while (left > 0) {
    auto at = static_cast<off_t>(offset);
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, kSendfileChunk));
    const ssize_t sent = ::sendfile(socket.native_handle(), fd, &at, want);
    if (sent > 0) {
      offset += static_cast<std::uint64_t>(sent);
      left -= static_cast<std::uint64_t>(sent);
      continue;
    }
    // The head promised `length` bytes; a file that ends early can only end the connection.
    if (sent == 0) co_return false;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) co_return false;
    asio::steady_timer timer(socket.get_executor());
    timer.expires_after(timeout);
    timer.async_wait([&socket](const beast::error_code& e) {
      if (!e) socket.cancel();  // timed out: the pending wait completes with an error
    });
    co_await socket.async_wait(asio::socket_base::wait_write, nothrow(ec));
    timer.cancel();
    if (ec) co_return false;
  }
  co_return true;
}

asio::awaitable<bool> write_file(AnyStream& stream, const Response& res, const ResponseFile& file,
                                 const ResponseFraming& framing) {
  const FileBody& region = *res.file;
  std::string head;
  head.reserve(512);
  append_head(head, res, framing, region.length);
  if (!co_await write_all(stream, asio::const_buffer(head.data(), head.size()), framing.timeout))
    co_return false;
  beast::error_code ec;
  if (framing.head_only || !status_has_body(res.status)) co_return true;

  if (auto* tcp = stream.tls() ? nullptr : &stream.tcp()) {
    co_return co_await send_file_region(*tcp, file.fd(), region.offset, region.length, framing.timeout);
  }
  // TLS encrypts in user space: read the file in chunks and write them through the stream.
  std::vector<char> chunk(kFileChunk);
  std::uint64_t offset = region.offset;
  std::uint64_t left = region.length;
  while (left > 0) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
    const ssize_t got = ::pread(file.fd(), chunk.data(), want, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    // The head promised `length` bytes; a short file can only end the connection.
    if (got <= 0) co_return false;
    stream.expires_after(framing.timeout);
    co_await asio::async_write(stream, asio::buffer(chunk.data(), static_cast<std::size_t>(got)),
                               nothrow(ec));
    if (ec) co_return false;
    offset += static_cast<std::uint64_t>(got);
    left -= static_cast<std::uint64_t>(got);
  }
  co_return true;
}

}  // namespace

asio::awaitable<bool> write_stream_head(AnyStream& stream, const Response& res, const ResponseFraming& framing) {
  ResponseFraming f = framing;
  f.keep_alive = false;
  f.until_close = true;
  std::string head;
  head.reserve(512);
  append_head(head, res, f, 0);
  co_return co_await write_all(stream, asio::const_buffer(head.data(), head.size()), f.timeout);
}

asio::awaitable<bool> write_text(AnyStream& stream, std::string_view text, std::chrono::seconds timeout) {
  co_return co_await write_all(stream, asio::const_buffer(text.data(), text.size()), timeout);
}

ResponseFile ResponseFile::open(const FileBody& region) {
  const int fd = ::open(region.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  ResponseFile file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) < region.offset ||
      static_cast<std::uint64_t>(st.st_size) - region.offset < region.length) {
    return {};
  }
  return file;
}

ResponseFile::~ResponseFile() {
  if (fd_ >= 0) ::close(fd_);
}

ResponseFile::ResponseFile(ResponseFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

ResponseFile& ResponseFile::operator=(ResponseFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

asio::awaitable<bool> write_response(AnyStream& stream, Response& res, const ResponseFile& file,
                                     const ResponseFraming& framing) {
  if (res.file && file) co_return co_await write_file(stream, res, file, framing);
  co_return co_await write_string(stream, res, framing);
}

}  // namespace cove::http
