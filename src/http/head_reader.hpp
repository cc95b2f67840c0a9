#pragma once
// Reads a request head with the header limit applied to all of it — request line, fields and
// the blank line — however its bytes arrive. Beast's own header_limit is checked against the
// bytes one parse call sees, and its parser consumes complete fields as it goes, so a head that
// arrived in more than one read could exceed the limit by most of the first read (a 16 KiB limit
// let ~32 KiB through). Internal to src/http.
#include <cstddef>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include "http/any_stream.hpp"

namespace cove::http {

using HeadParser = bhttp::request_parser<bhttp::empty_body>;

// Reads into `parser` (fresh) until it holds the whole head, leaving the bytes after it (a body,
// a pipelined request) in `buffer`. Fails with bhttp::error::header_limit when the head is
// longer than `limit` bytes; other errors come from the stream or the parser. The caller sets
// the stream's timeout, which bounds the whole head.
asio::awaitable<beast::error_code> read_head(AnyStream& stream, beast::flat_buffer& buffer,
                                             HeadParser& parser, std::size_t limit);

}  // namespace cove::http
