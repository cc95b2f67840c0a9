#pragma once
// Conversions between Beast message heads and Cove's Beast-free Request/Response, shared by the
// server session and the client. Internal to src/http.
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

#include "core/error.hpp"
#include "http/types.hpp"

namespace cove::http {

// Fills method, method_text, target, path (percent-decoded), query (raw) and headers from a
// request head. Returns the 400 to send when the target is not a usable path: a malformed
// escape, a decoded NUL, or something other than origin- or absolute-form.
std::optional<core::Error> request_from_head(const boost::beast::http::request_header<>& head, Request& req);

// The client's address: the peer's, or the first X-Forwarded-For entry behind a trusted proxy.
std::string client_ip(const Headers& headers, std::string peer, bool trust_proxy);

// Whether a handler's header may go on the wire: framing headers (Content-Length,
// Transfer-Encoding, Connection) belong to the server, and anything with CR, LF or NUL would let
// a value taken from user input split the message.
bool sendable_header(std::string_view name, std::string_view value);
// Copies the sendable headers into a Beast head.
void copy_headers(const Headers& from, boost::beast::http::fields& to);
void copy_headers(const boost::beast::http::fields& from, Headers& to);

// The current time as an RFC 9110 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted
// once per second per thread. The view is valid until the next call on the same thread.
std::string_view http_date();

}  // namespace cove::http
