#include "http/response_writer.hpp"

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
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/beast_convert.hpp"

namespace cove::http {

namespace {

constexpr std::size_t kFileChunk = 64 * 1024;
constexpr std::size_t kSendfileChunk = 1024 * 1024;

// 1xx, 204 and 304 responses never carry a body (RFC 9110 §6.4.1), nor a Content-Length here.
bool status_has_body(int status) { return status >= 200 && status != 204 && status != 304; }

template <class Body>
void prepare_head(bhttp::response<Body>& msg, const Response& res, const ResponseFraming& framing,
                  std::uint64_t length) {
  msg.version(framing.version);
  msg.result(static_cast<unsigned>(res.status));
  copy_headers(res.headers, msg.base());
  msg.set(bhttp::field::date, http_date());
  if (status_has_body(res.status)) msg.set(bhttp::field::content_length, std::to_string(length));
  msg.keep_alive(framing.keep_alive);
}

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

asio::awaitable<bool> write_string(AnyStream& stream, Response& res, const ResponseFraming& framing) {
  const bool has_body = status_has_body(res.status);
  bhttp::response<bhttp::string_body> msg;
  prepare_head(msg, res, framing, has_body ? res.body.size() : 0);
  if (has_body && !framing.head_only) msg.body() = std::move(res.body);
  bhttp::response_serializer<bhttp::string_body> serializer{msg};
  beast::error_code ec;
  // write_some in a loop rather than one async_write: the timeout then bounds each step of
  // progress, so a large body to a slow but live client is not cut off.
  while (!serializer.is_done()) {
    stream.expires_after(framing.timeout);
    co_await bhttp::async_write_some(stream, serializer, nothrow(ec));
    if (ec) co_return false;
  }
  co_return true;
}

// Plain TCP: the kernel moves the file's pages to the socket (sendfile), with no copy through user
// space, as nginx does. When the socket buffer is full it waits for the client to read, at most
// `timeout` per step of progress, so a client that stops reading cannot hold the connection.
// Returns false when the connection must end.
asio::awaitable<bool> send_file_region(beast::tcp_stream& tcp, int fd, std::uint64_t offset, std::uint64_t left,
                                       std::chrono::steady_clock::duration timeout) {
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
  bhttp::response<bhttp::empty_body> msg;
  prepare_head(msg, res, framing, region.length);
  bhttp::response_serializer<bhttp::empty_body> serializer{msg};
  beast::error_code ec;
  stream.expires_after(framing.timeout);
  co_await bhttp::async_write_header(stream, serializer, nothrow(ec));
  if (ec) co_return false;
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
