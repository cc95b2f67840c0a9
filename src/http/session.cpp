#include "http/session.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "core/log.hpp"
#include "http/any_stream.hpp"
#include "http/beast_convert.hpp"
#include "http/body_reader.hpp"
#include "http/errors.hpp"
#include "http/event_stream.hpp"
#include "http/head_reader.hpp"
#include "http/request_id.hpp"
#include "http/response_writer.hpp"
#include "http/router.hpp"

namespace cove::http {

void ConnectionHandle::close() {
  if (interrupt) interrupt();
  if (stream != nullptr) stream->close();
}

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 16 * 1024;
// The body of a refused request is read and dropped up to this size, so the connection can stay
// open; anything larger (or a pending 100-continue) closes it instead.
constexpr std::uint64_t kDiscardLimit = 64 * 1024;
// Closing a socket with unread input sends a reset, which can destroy the response before the
// client reads it. So after refusing a body we half-close and drain for a bounded time first.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::uint64_t kLingerBytes = 4 * 1024 * 1024;
constexpr auto kTlsCloseTimeout = std::chrono::seconds(2);
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// An event stream writes a comment this often when it has nothing to say: proxies keep the
// connection, and a client that left is noticed by the failed write.
constexpr auto kStreamHeartbeat = std::chrono::seconds(15);

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

bool is_http_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

// Counts the request in the in-flight gauge for exactly as long as it is being handled.
class InFlight {
 public:
  explicit InFlight(Pipeline& pipeline) : pipeline_(pipeline) { pipeline_.track_in_flight(1); }
  ~InFlight() { pipeline_.track_in_flight(-1); }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  Pipeline& pipeline_;
};

// Removes a streamed upload's temp file once the response is out, unless a handler moved it.
class UploadCleanup {
 public:
  explicit UploadCleanup(const Request& req) : req_(req) {}
  ~UploadCleanup() {
    if (!req_.upload) return;
    std::error_code ignored;
    std::filesystem::remove(req_.upload->path, ignored);
  }
  UploadCleanup(const UploadCleanup&) = delete;
  UploadCleanup& operator=(const UploadCleanup&) = delete;

 private:
  const Request& req_;
};

class Session {
 public:
  Session(SessionContext& context, ConnectionHandle& handle, AnyStream& stream, std::string peer)
      : context_(context),
        options_(context.options),
        handle_(handle),
        stream_(stream),
        peer_(std::move(peer)) {}

  asio::awaitable<void> run() {
    // Accepted just before a shutdown whose "close if idle" ran before this session existed.
    if (context_.stopping) {
      stream_.close();
      co_return;
    }
    if (auto* tls = stream_.tls()) {
      beast::error_code ec;
      stream_.expires_after(options_.header_timeout);
      co_await tls->async_handshake(asio::ssl::stream_base::server, nothrow(ec));
      if (ec) {
        stream_.close();
        co_return;
      }
    }
    for (bool first = true;; first = false) {
      if (!co_await wait_for_request(first)) break;
      if (!co_await serve_request()) break;
    }
    co_await close();
  }

 private:
  // Waits for the first byte of the next request. Marks the connection idle meanwhile, so a
  // shutdown may close it; pipelined bytes already buffered skip the wait.
  asio::awaitable<bool> wait_for_request(bool first) {
    handle_.idle = true;
    // Checked after `idle` is set: stop() raises the flag, then posts "close if idle" to this
    // strand, so either we see the flag here or the close finds us waiting.
    if (context_.stopping) co_return false;
    if (buffer_.size() == 0) {
      beast::error_code ec;
      // A new connection has the header timeout to start talking; a kept-alive one the idle one.
      stream_.expires_after(first ? options_.header_timeout : options_.idle_timeout);
      const std::size_t n = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), nothrow(ec));
      buffer_.commit(n);
      if (ec) co_return false;
    }
    handle_.idle = false;
    co_return true;
  }

  // Reads, handles and answers one request. Returns whether the connection stays open.
  asio::awaitable<bool> serve_request() {
    HeadParser parser;  // fresh per request: a parser carries state from the message it read
    // The body limit depends on the route, known only after routing; without this Beast would
    // apply its own default to Content-Length as soon as the head is parsed.
    parser.body_limit(boost::none);
    stream_.expires_after(options_.header_timeout);  // for the whole head, not per read
    beast::error_code ec = co_await read_head(stream_, buffer_, parser, options_.header_limit);
    const auto started = Clock::now();
    if (ec == bhttp::error::header_limit) {
      co_return co_await refuse_unparsed(
          started, core::Error(431, "request_header_too_large", "The request headers are too large"));
    }
    if (ec) {
      if (is_http_error(ec) && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
        co_return co_await refuse_unparsed(
            started, core::Error::bad_request("bad_request", "The request is not valid HTTP/1.1"));
      }
      // Timeout, reset, or the client left mid-head. No 408 on a timeout: tcp_stream closes the
      // socket when its timer fires, and (as nginx does) a client that stopped talking gets no
      // more bytes spent on it.
      co_return false;
    }

    const auto& head = parser.get();
    const unsigned version = head.version();
    const bool client_keep_alive = head.keep_alive();
    const bool expects_continue = version >= 11 && iequals(head[bhttp::field::expect], "100-continue");
    Request req;
    const auto bad_target = request_from_head(head, req);
    req.remote_ip = client_ip(req.headers, peer_, options_.trust_proxy);
    req.secure = stream_.tls() != nullptr;
    const InFlight in_flight(context_.pipeline);
    const UploadCleanup cleanup(req);

    std::optional<Response> early;
    if (bad_target) {
      req.request_id = request_id_for(req.headers.get("X-Request-Id").value_or(""));
      early = Pipeline::error_response(req, *bad_target);
    } else {
      early = context_.pipeline.before_body(req);
    }
    if (early) {
      // Refused before the body: drop a small body to keep the connection; otherwise close. A
      // client waiting for 100 Continue has not sent its body and will not, so that one closes.
      const bool consumed = parser.is_done() || (!expects_continue && co_await discard_body(parser));
      linger_ = !consumed;
      co_return co_await respond(req, *early, started, version, client_keep_alive && consumed);
    }

    const RouteInfo& route = *req.route;
    const bool streamed = route.stream_limit > 0;
    const std::uint64_t limit = streamed ? stream_limit(route, req)
                                : route.body_limit > 0 ? route.body_limit
                                                       : options_.body_limit;
    BodyResult body = BodyResult::kRead;
    if (const auto length = parser.content_length(); length && *length > limit) {
      body = BodyResult::kTooLarge;  // refused up front, before a byte of it is read
    } else {
      if (expects_continue && !parser.is_done()) {
        // Only now that the request is accepted is the client invited to send its body.
        stream_.expires_after(options_.body_timeout);
        co_await asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()), nothrow(ec));
        if (ec) co_return false;
      }
      const BodyLimits limits{limit, options_.body_timeout, min_body_rate()};
      if (streamed) {
        // Even an empty body becomes a file: such routes always get req.upload.
        body = co_await read_body_to_file(stream_, buffer_, parser, limits, options_.upload_dir,
                                          req.request_id, req.upload);
      } else if (!parser.is_done()) {
        body = co_await read_body_to_string(stream_, buffer_, parser, limits, req.body);
      }
    }

    Response res;
    switch (body) {
      case BodyResult::kRead:
        res = co_await run_handler(req);
        co_return co_await respond(req, res, started, version, client_keep_alive);
      case BodyResult::kTooLarge:
        res = Pipeline::error_response(req, core::Error::payload_too_large(limit));
        break;
      case BodyResult::kMalformed:
        res = Pipeline::error_response(
            req, core::Error::bad_request("bad_request", "The request body framing is invalid"));
        break;
      case BodyResult::kTooSlow:
        res = Pipeline::error_response(
            req, core::Error(408, "request_timeout", "The request body arrived too slowly"));
        break;
      case BodyResult::kStorageFailed: res = internal_error_json(req.request_id); break;
      case BodyResult::kStorageFull: res = context_.pipeline.storage_full_response(req, "upload"); break;
      case BodyResult::kDisconnected: co_return false;
    }
    linger_ = true;
    co_return co_await respond(req, res, started, version, false);
  }

  // The route's ceiling, lowered by its per-request limit when it has one. A failing limit
  // function leaves the ceiling (the handler still checks what it stores).
  static std::uint64_t stream_limit(const RouteInfo& route, const Request& req) {
    if (!route.stream_limit_for) return route.stream_limit;
    try {
      return std::min(route.stream_limit, route.stream_limit_for(req));
    } catch (const std::exception& e) {
      core::log::warn("stream limit lookup failed", {{"requestId", req.request_id}, {"error", e.what()}});
      return route.stream_limit;
    }
  }

  // Answers a request whose head could not be parsed (431, 400), then closes.
  asio::awaitable<bool> refuse_unparsed(Clock::time_point started, const core::Error& error) {
    Request req;
    req.method = Method::kOther;
    req.remote_ip = peer_;
    req.secure = stream_.tls() != nullptr;
    req.request_id = request_id_for("");
    auto res = Pipeline::error_response(req, error);
    linger_ = true;
    co_return co_await respond(req, res, started, 11, false);
  }

  asio::awaitable<bool> discard_body(HeadParser& head) {
    if (const auto length = head.content_length(); length && *length > kDiscardLimit) co_return false;
    std::string ignored;
    // A body nobody wants must not trickle in for longer than one that is wanted.
    const BodyLimits limits{kDiscardLimit, options_.body_timeout, min_body_rate()};
    co_return co_await read_body_to_string(stream_, buffer_, head, limits, ignored) == BodyResult::kRead;
  }

  MinBodyRate min_body_rate() const { return {options_.min_body_rate, options_.min_body_rate_window}; }

  asio::awaitable<Response> run_handler(Request& req) {
    if (!req.route->blocking) co_return context_.pipeline.run_handler(req);
    try {
      // On the worker pool; this coroutine resumes on the connection's strand afterwards.
      co_return co_await asio::co_spawn(
          context_.workers.get_executor(),
          [&]() -> asio::awaitable<Response> { co_return context_.pipeline.run_handler(req); },
          asio::use_awaitable);
    } catch (const std::exception& e) {
      core::log::error("blocking handler could not run",
                       {{"requestId", req.request_id}, {"error", e.what()}});
    }
    co_return internal_error_json(req.request_id);
  }

  // Finishes (headers, metrics, access log) and writes a response. Returns whether the
  // connection stays open for another request.
  asio::awaitable<bool> respond(Request& req, Response& res, Clock::time_point started, unsigned version,
                                bool keep_alive) {
    ResponseFile file;
    if (res.file) {
      file = ResponseFile::open(*res.file);
      if (res.file->remove_after_open) {
        std::error_code ec;
        std::filesystem::remove(res.file->path, ec);
      }
      if (!file) {
        core::log::error("response file cannot be read",
                         {{"requestId", req.request_id}, {"path", res.file->path.string()}});
        res = internal_error_json(req.request_id);
      }
    }
    // During shutdown an in-flight request is still answered, with Connection: close.
    keep_alive = keep_alive && !res.close && !context_.stopping;
    context_.pipeline.finish(req, res, started);
    if (res.events) {
      co_await stream_events(res, version);
      close_after_response_ = true;
      co_return false;
    }
    const ResponseFraming framing{version, keep_alive, req.method == Method::kHead, options_.body_timeout};
    const bool written = co_await write_response(stream_, res, file, framing);
    close_after_response_ = written && !keep_alive;
    co_return written&& keep_alive;
  }

  // Writes an event stream's frames as producers queue them, until it closes, the client leaves
  // or the server stops. The coroutine sleeps on a timer between frames; send() cancels it from
  // whichever thread produced (through a post to this strand, where the timer lives).
  asio::awaitable<void> stream_events(Response& res, unsigned version) {
    auto events = res.events;
    const ResponseFraming framing{version, false, false, options_.body_timeout};
    if (!co_await write_stream_head(stream_, res, framing)) {
      events->detach();
      co_return;
    }
    auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
    auto strand = handle_.strand;
    events->attach([timer, strand] { asio::post(strand, [timer] { timer->cancel(); }); });
    handle_.interrupt = [timer] { timer->cancel(); };
    for (;;) {
      bool closed = false;
      const std::string frames = events->take(closed);
      if (!frames.empty() && !co_await write_text(stream_, frames, options_.body_timeout)) break;
      if (closed || context_.stopping) break;
      // Idle while waiting, so a shutdown closes the stream at once (through `interrupt`).
      handle_.idle = true;
      timer->expires_after(kStreamHeartbeat);
      beast::error_code ec;
      co_await timer->async_wait(nothrow(ec));
      handle_.idle = false;
      if (context_.stopping) break;
      // Woken by a frame or the stream's end: loop to take it; by the heartbeat: say so.
      if (!ec && !co_await write_text(stream_, ": heartbeat\n\n", options_.body_timeout)) break;
    }
    handle_.interrupt = nullptr;
    events->detach();
  }

  asio::awaitable<void> close() {
    beast::error_code ec;
    if (close_after_response_) {
      if (auto* tls = stream_.tls()) {
        // close_notify tells the client the response is complete rather than truncated.
        stream_.expires_after(kTlsCloseTimeout);
        co_await tls->async_shutdown(nothrow(ec));
      } else {
        stream_.tcp().socket().shutdown(asio::socket_base::shutdown_send, ec);
        if (linger_) co_await drain();
      }
    }
    stream_.close();
  }

  // Reads and drops input until the client closes, bounded in time and bytes.
  asio::awaitable<void> drain() {
    std::array<char, 16 * 1024> scratch;
    const auto deadline = Clock::now() + kLingerTime;
    std::uint64_t drained = 0;
    beast::error_code ec;
    while (drained < kLingerBytes && Clock::now() < deadline) {
      stream_.expires_after(deadline - Clock::now());
      drained += co_await stream_.async_read_some(asio::buffer(scratch), nothrow(ec));
      if (ec) break;
    }
  }

  SessionContext& context_;
  const ServerOptions& options_;
  ConnectionHandle& handle_;
  AnyStream& stream_;
  std::string peer_;
  beast::flat_buffer buffer_;  // per connection: bytes of a pipelined next request stay here
  bool linger_ = false;        // part of a request body was left unread
  bool close_after_response_ = false;
};

}  // namespace

asio::awaitable<void> run_session(SessionContext& context, std::shared_ptr<ConnectionHandle> handle,
                                  asio::ip::tcp::socket socket) {
  beast::error_code ec;
  // Responses may go out as head and body in two writes; Nagle would hold back the second.
  socket.set_option(asio::ip::tcp::no_delay(true), ec);
  std::optional<AnyStream> stream;
  if (context.tls != nullptr) {
    stream.emplace(beast::tcp_stream(std::move(socket)), *context.tls);
  } else {
    stream.emplace(beast::tcp_stream(std::move(socket)));
  }
  handle->stream = &*stream;
  struct Detach {
    ConnectionHandle& handle;
    ~Detach() { handle.stream = nullptr; }
  } detach{*handle};
  Session session(context, *handle, *stream, handle->peer);
  co_await session.run();
}

}  // namespace cove::http
