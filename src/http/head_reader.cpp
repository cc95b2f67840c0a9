#include "http/head_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>

namespace cove::http {

namespace {

constexpr std::size_t kReadChunk = 16 * 1024;

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

}  // namespace

asio::awaitable<beast::error_code> read_head(AnyStream& stream, beast::flat_buffer& buffer,
                                             HeadParser& parser, std::size_t limit) {
  // Stop at the end of the head: the body reader takes over the parser for the rest.
  parser.eager(false);
  parser.header_limit(
      static_cast<std::uint32_t>(std::min<std::size_t>(limit, std::numeric_limits<std::uint32_t>::max())));
  // The parser is never shown more than `limit` bytes in all, counting what it has consumed on
  // earlier calls; so it cannot accept a longer head, whatever Beast counts per call.
  std::size_t left = limit;
  beast::error_code ec;
  for (;;) {
    if (buffer.size() > 0) {
      const std::size_t shown = std::min(buffer.size(), left);
      const std::size_t used = parser.put(asio::buffer(buffer.data().data(), shown), ec);
      buffer.consume(used);
      left -= used;
      if (ec != bhttp::error::need_more) co_return ec;  // the whole head, or a parse error
      // All the bytes the limit allows are here, and the head has not ended among them.
      if (buffer.size() >= left) co_return bhttp::error::header_limit;
    }
    const std::size_t n = co_await stream.async_read_some(buffer.prepare(kReadChunk), nothrow(ec));
    buffer.commit(n);
    if (ec) co_return ec;  // timeout, reset, or the client left mid-head
  }
}

}  // namespace cove::http
