#pragma once
// A plain TCP or a TLS stream behind one concrete type, so the session and the client are
// written (and compiled) once instead of as templates instantiated per stream kind. Internal to
// src/http: only .cpp files there include it.
#include <chrono>
#include <cstddef>
#include <utility>
#include <variant>

#include <boost/asio/async_result.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace cove::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
// `http` names this namespace inside cove, so Beast's HTTP namespace gets its own alias.
namespace bhttp = boost::beast::http;

class AnyStream {
 public:
  using TlsStream = beast::ssl_stream<beast::tcp_stream>;
  using executor_type = beast::tcp_stream::executor_type;

  explicit AnyStream(beast::tcp_stream plain)
      : impl_(std::in_place_type<beast::tcp_stream>, std::move(plain)) {}
  AnyStream(beast::tcp_stream plain, asio::ssl::context& tls)
      : impl_(std::in_place_type<TlsStream>, std::move(plain), tls) {}

  AnyStream(const AnyStream&) = delete;
  AnyStream& operator=(const AnyStream&) = delete;

  executor_type get_executor() { return tcp().get_executor(); }

  // The TCP layer: timeouts, socket options, close.
  beast::tcp_stream& tcp() {
    if (auto* s = std::get_if<TlsStream>(&impl_)) return beast::get_lowest_layer(*s);
    return std::get<beast::tcp_stream>(impl_);
  }
  // Null for plain TCP.
  TlsStream* tls() { return std::get_if<TlsStream>(&impl_); }

  // Beast's timeouts apply to the next operation only, so callers set one before each.
  void expires_after(std::chrono::steady_clock::duration d) { tcp().expires_after(d); }
  // Closes the socket at once; pending operations complete with an error.
  void close() { tcp().close(); }

  // AsyncReadStream / AsyncWriteStream: forward to whichever stream is active. The handler is
  // passed through untouched, so its executor, allocator and cancellation slot still apply.
  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const MutableBuffers& b) {
          std::visit([&](auto& s) { s.async_read_some(b, std::move(handler)); }, impl_);
        },
        token, buffers);
  }

  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return asio::async_initiate<Token, void(beast::error_code, std::size_t)>(
        [this](auto handler, const ConstBuffers& b) {
          std::visit([&](auto& s) { s.async_write_some(b, std::move(handler)); }, impl_);
        },
        token, buffers);
  }

 private:
  std::variant<beast::tcp_stream, TlsStream> impl_;
};

}  // namespace cove::http
