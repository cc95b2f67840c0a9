#include "http/client.hpp"

#include <fstream>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/any_stream.hpp"
#include "http/beast_convert.hpp"
#include "http/tls_context.hpp"

namespace cove::http {

namespace {

using tcp = asio::ip::tcp;
using Progress = std::function<void(std::uint64_t, std::uint64_t)>;

constexpr std::size_t kUploadChunk = 64 * 1024;
constexpr std::uint32_t kResponseHeaderLimit = 64 * 1024;

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// What a request sends after its head: a string, or a file streamed in chunks.
struct BodySource {
  std::string_view text;
  const std::filesystem::path* file = nullptr;
  const Progress* progress = nullptr;
};

// The result of one request on one connection. `stale` marks a failure that means the server
// had already closed the connection: it was gone before any byte of a response arrived.
struct Exchange {
  beast::error_code ec;
  std::string_view stage;
  bool stale = false;
  bool keep_alive = false;
  ClientResponse response;
};

// What a write to, or a read from, a connection the server closed while idle fails with.
bool closed_by_peer(const beast::error_code& ec) {
  return ec == asio::error::eof || ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted ||
         ec == asio::ssl::error::stream_truncated;
}

void set_method(bhttp::request_header<>& head, Method method) {
  const auto name = method_name(method);
  const auto verb = bhttp::string_to_verb(name);
  if (verb == bhttp::verb::unknown) throw std::invalid_argument("unsupported HTTP method");
  head.method(verb);
}

}  // namespace

nlohmann::json ClientResponse::json() const { return nlohmann::json::parse(body); }

struct Client::Impl {
  Impl(std::string h, std::uint16_t p, ClientOptions o) : host(std::move(h)), port(p), options(std::move(o)) {
    if (options.tls) tls = make_client_tls_context(options.verify_peer, options.ca_file);
  }

  ClientResponse perform(Method method, std::string_view target, const Headers& headers,
                         const BodySource& body);
  void connect();
  asio::awaitable<beast::error_code> connect_async();
  asio::awaitable<Exchange> exchange(Method method, std::string_view target, const Headers& headers,
                                     const BodySource& body);
  asio::awaitable<beast::error_code> send_file(const std::filesystem::path& file, std::uint64_t size,
                                               const Progress* progress);
  asio::awaitable<void> read_response(Method method, Exchange& out);
  void disconnect();

  // Runs one coroutine to completion on this client's private io_context: the public API is
  // synchronous, while the asynchronous operations are what Beast's timeouts apply to.
  template <class T>
  T run(asio::awaitable<T> op) {
    std::exception_ptr failure;
    std::optional<T> result;
    asio::co_spawn(io, std::move(op), [&](std::exception_ptr e, T value) {
      failure = e;
      if (!e) result.emplace(std::move(value));
    });
    io.restart();
    io.run();
    if (failure) std::rethrow_exception(failure);
    return std::move(*result);
  }

  std::string url(std::string_view target) const {
    return fmt::format("{}://{}:{}{}", options.tls ? "https" : "http", host, port, target);
  }

  std::string host;
  std::uint16_t port;
  ClientOptions options;
  asio::io_context io;
  std::unique_ptr<asio::ssl::context> tls;
  std::unique_ptr<AnyStream> stream;
  beast::flat_buffer buffer;
  bool reused = false;  // the connection already carried a response
};

ClientResponse Client::Impl::perform(Method method, std::string_view target, const Headers& headers,
                                     const BodySource& body) {
  for (;;) {
    if (!stream) connect();
    const bool was_reused = reused;
    Exchange out;
    try {
      out = run(exchange(method, target, headers, body));
    } catch (...) {
      disconnect();  // a request may be half-sent; this connection cannot carry another
      throw;
    }
    if (!out.ec) {
      if (out.keep_alive) {
        reused = true;
      } else {
        disconnect();
      }
      return std::move(out.response);
    }
    disconnect();
    // A kept-alive connection the server has since closed fails before any response byte: send
    // the request again on a fresh connection, once.
    if (was_reused && out.stale) continue;
    throw std::runtime_error(
        fmt::format("{} {}: {} failed: {}", method_name(method), url(target), out.stage, out.ec.message()));
  }
}

void Client::Impl::connect() {
  const auto ec = run(connect_async());
  if (ec) {
    disconnect();
    throw std::runtime_error(fmt::format("cannot connect to {}: {}", url(""), ec.message()));
  }
  reused = false;
}

asio::awaitable<beast::error_code> Client::Impl::connect_async() {
  beast::error_code ec;
  tcp::resolver resolver(io);
  const auto endpoints = co_await resolver.async_resolve(host, std::to_string(port), nothrow(ec));
  if (ec) co_return ec;
  beast::tcp_stream tcp_stream(io);
  tcp_stream.expires_after(options.timeout);
  co_await tcp_stream.async_connect(endpoints, nothrow(ec));
  if (ec) co_return ec;
  tcp_stream.socket().set_option(tcp::no_delay(true), ec);
  buffer.clear();
  if (!tls) {
    stream = std::make_unique<AnyStream>(std::move(tcp_stream));
    co_return beast::error_code{};
  }
  stream = std::make_unique<AnyStream>(std::move(tcp_stream), *tls);
  auto& tls_stream = *stream->tls();
  beast::error_code address_ec;
  asio::ip::make_address(host, address_ec);
  // SNI carries host names only; certificates for an IP are matched on their IP SAN instead.
  if (address_ec && SSL_set_tlsext_host_name(tls_stream.native_handle(), host.c_str()) != 1) {
    co_return beast::error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
  }
  if (options.verify_peer) tls_stream.set_verify_callback(asio::ssl::host_name_verification(host));
  stream->expires_after(options.timeout);
  co_await tls_stream.async_handshake(asio::ssl::stream_base::client, nothrow(ec));
  co_return ec;
}

asio::awaitable<Exchange> Client::Impl::exchange(Method method, std::string_view target,
                                                 const Headers& headers, const BodySource& body) {
  Exchange out;
  std::uint64_t body_size = body.text.size();
  if (body.file != nullptr) {
    std::error_code size_error;
    body_size = std::filesystem::file_size(*body.file, size_error);
    if (size_error)
      throw std::runtime_error(fmt::format("cannot read {}: {}", body.file->string(), size_error.message()));
  }

  bhttp::request<bhttp::string_body> req;
  req.version(11);
  set_method(req.base(), method);
  req.target(target);
  copy_headers(headers, req.base());
  if (req.find(bhttp::field::host) == req.end()) {
    const bool ipv6 = host.find(':') != std::string::npos;
    req.set(bhttp::field::host, ipv6 ? fmt::format("[{}]:{}", host, port) : fmt::format("{}:{}", host, port));
  }
  if (req.find(bhttp::field::user_agent) == req.end()) req.set(bhttp::field::user_agent, "cove-client");
  if (body_size > 0 || method == Method::kPost || method == Method::kPut || method == Method::kPatch) {
    req.content_length(body_size);
  }
  req.keep_alive(true);

  stream->expires_after(options.timeout);
  if (body.file == nullptr) {
    // Head and body in one gathered write.
    req.body() = std::string(body.text);
    co_await bhttp::async_write(*stream, req, nothrow(out.ec));
    if (out.ec) {
      out.stage = "sending the request";
      out.stale = closed_by_peer(out.ec);
      co_return out;
    }
  } else {
    bhttp::request_serializer<bhttp::string_body> head{req};
    co_await bhttp::async_write_header(*stream, head, nothrow(out.ec));
    if (out.ec) {
      out.stage = "sending the request";
      out.stale = closed_by_peer(out.ec);
      co_return out;
    }
    const auto send_error = co_await send_file(*body.file, body_size, body.progress);
    if (send_error) {
      // The server may have refused the upload (413, 401) and closed: its answer beats ours.
      co_await read_response(method, out);
      if (!out.ec) {
        out.keep_alive = false;
        co_return out;
      }
      out.ec = send_error;
      out.stage = "sending the request body";
      out.stale = false;
      co_return out;
    }
  }
  co_await read_response(method, out);
  co_return out;
}

asio::awaitable<beast::error_code> Client::Impl::send_file(const std::filesystem::path& file,
                                                           std::uint64_t size, const Progress* progress) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot open {}", file.string()));
  std::vector<char> chunk(kUploadChunk);
  std::uint64_t sent = 0;
  beast::error_code ec;
  while (sent < size) {
    in.read(chunk.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(chunk.size(), size - sent)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0)
      throw std::runtime_error(fmt::format("{} shrank while it was being uploaded", file.string()));
    stream->expires_after(options.timeout);
    co_await asio::async_write(*stream, asio::buffer(chunk.data(), got), nothrow(ec));
    if (ec) co_return ec;
    sent += got;
    if (progress != nullptr && *progress) (*progress)(sent, size);
  }
  co_return ec;
}

asio::awaitable<void> Client::Impl::read_response(Method method, Exchange& out) {
  for (;;) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(kResponseHeaderLimit);
    parser.body_limit(boost::none);                  // the caller asked for this response, whatever its size
    if (method == Method::kHead) parser.skip(true);  // its Content-Length describes a GET
    stream->expires_after(options.timeout);
    co_await bhttp::async_read(*stream, buffer, parser, nothrow(out.ec));
    if (out.ec) {
      out.stage = "reading the response";
      out.stale = !parser.got_some() && closed_by_peer(out.ec);
      co_return;
    }
    auto& msg = parser.get();
    // An interim 1xx (100 Continue when the caller set Expect) precedes the real answer.
    if (msg.result_int() / 100 == 1 && msg.result() != bhttp::status::switching_protocols) continue;
    out.keep_alive = msg.keep_alive();
    out.response.status = static_cast<int>(msg.result_int());
    copy_headers(msg.base(), out.response.headers);
    out.response.body = std::move(msg.body());
    co_return;
  }
}

void Client::Impl::disconnect() {
  if (stream) {
    beast::error_code ignored;
    stream->tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream->close();
  }
  stream.reset();
  buffer.clear();
  reused = false;
}

Client::Client(std::string host, std::uint16_t port, ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(host), port, std::move(options))) {}

Client Client::from_url(std::string_view base_url, ClientOptions options) {
  std::string_view rest = base_url;
  std::uint16_t default_port = 80;
  if (rest.starts_with("https://")) {
    options.tls = true;
    default_port = 443;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    options.tls = false;
    rest.remove_prefix(7);
  } else {
    throw std::invalid_argument(fmt::format("not an http(s) URL: '{}'", base_url));
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos) {
    throw std::invalid_argument(
        fmt::format("expected http(s)://host[:port] without a path, got '{}'", base_url));
  }
  std::string_view host = rest;
  std::uint16_t port = default_port;
  // "[::1]:8080" keeps its brackets out of the host; "host:8080" splits at the last colon.
  const auto colon = rest.rfind(':');
  const auto bracket = rest.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = rest.substr(0, colon);
    const auto digits = rest.substr(colon + 1);
    unsigned value = 0;
    bool valid = !digits.empty() && digits.size() <= 5;
    for (char c : digits) {
      if (c < '0' || c > '9') valid = false;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (!valid || value == 0 || value > 65535)
      throw std::invalid_argument(fmt::format("bad port in '{}'", base_url));
    port = static_cast<std::uint16_t>(value);
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) throw std::invalid_argument(fmt::format("no host in '{}'", base_url));
  return Client(std::string(host), port, std::move(options));
}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

ClientResponse Client::request(Method method, std::string_view target, const Headers& headers,
                               std::string_view body) {
  return impl_->perform(method, target, headers, BodySource{body});
}

ClientResponse Client::get(std::string_view target, const Headers& headers) {
  return request(Method::kGet, target, headers);
}

ClientResponse Client::post_json(std::string_view target, const nlohmann::json& body,
                                 const Headers& headers) {
  Headers with_type = headers;
  if (!with_type.has("Content-Type")) with_type.set("Content-Type", "application/json");
  return request(Method::kPost, target, with_type, body.dump());
}

ClientResponse Client::upload_file(Method method, std::string_view target, const Headers& headers,
                                   const std::filesystem::path& file, const Progress& progress) {
  return impl_->perform(method, target, headers, BodySource{{}, &file, &progress});
}

void Client::close() { impl_->disconnect(); }

}  // namespace cove::http
