#include "http/server.hpp"

#include <array>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.hpp"
#include "http/any_stream.hpp"
#include "http/request_id.hpp"
#include "http/response_writer.hpp"
#include "http/session.hpp"
#include "http/tls_context.hpp"

namespace cove::http {

namespace {

using tcp = asio::ip::tcp;

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

std::string peer_address(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  // A dual-stack listener sees IPv4 clients as ::ffff:a.b.c.d; logs and limits want a.b.c.d.
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

// Answers a connection over a limit with the 503 error JSON and closes it. Plain HTTP only: a
// TLS client would need a full handshake first, which is the cost the limits exist to avoid.
asio::awaitable<void> refuse_busy(tcp::socket socket, core::Error error, std::string request_id) {
  AnyStream stream{beast::tcp_stream(std::move(socket))};
  Request req;
  req.request_id = std::move(request_id);
  auto res = Pipeline::error_response(req, error);
  res.headers.set("Retry-After", "1");
  const ResponseFraming framing{11, false, false, std::chrono::seconds(5)};
  if (co_await write_response(stream, res, ResponseFile{}, framing)) {
    beast::error_code ec;
    stream.tcp().socket().shutdown(asio::socket_base::shutdown_send, ec);
    // Read what the client sent until it closes, so our close does not reset the connection
    // and destroy the 503 before it is read.
    std::array<char, 4096> scratch;
    stream.expires_after(std::chrono::seconds(2));
    while (!ec) co_await stream.async_read_some(asio::buffer(scratch), nothrow(ec));
  }
  stream.close();
}

}  // namespace

std::vector<std::unique_ptr<asio::io_context>> make_contexts(int threads) {
  std::vector<std::unique_ptr<asio::io_context>> out;
  for (int i = 0; i < std::max(1, threads); ++i) out.push_back(std::make_unique<asio::io_context>(1));
  return out;
}

struct Server::Impl {
  Impl(ServerOptions o, Pipeline& p, core::MetricsRegistry& metrics)
      : options(std::move(o)),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        context(options, p, workers),
        open_count(std::make_shared<std::atomic<std::size_t>>(0)) {
    // The callback owns the counter, so a scrape after the server is gone reads 0, not freed memory.
    metrics.gauge_callback("cove_http_connections", "Open HTTP connections",
                           [count = open_count] { return static_cast<double>(count->load()); });
  }

  void start();
  void stop();
  void wait();
  void stop_on_signals();

  asio::awaitable<void> accept_loop();
  void admit(tcp::socket socket);
  std::optional<core::Error> try_register(const std::shared_ptr<ConnectionHandle>& handle);
  void release(const std::shared_ptr<ConnectionHandle>& handle);
  void arm_shutdown_timer();
  void run_io_thread(asio::io_context& io);
  asio::io_context& next_context();

  ServerOptions options;
  asio::thread_pool workers;
  SessionContext context;
  std::unique_ptr<asio::ssl::context> tls;
  std::shared_ptr<std::atomic<std::size_t>> open_count;

  std::mutex connections_mutex;
  std::unordered_set<std::shared_ptr<ConnectionHandle>> connections;
  std::unordered_map<std::string, int> connections_per_peer;  // no entry for a peer with none

  std::mutex wait_mutex;
  std::vector<std::thread> io_threads;
  std::uint16_t bound_port = 0;
  bool started = false;

  // One io_context per I/O thread, like nginx's workers: a connection lives on one thread, so
  // threads never contend for one scheduler queue or wake each other for every completion.
  // Declared after everything the handlers they own refer to, so they are destroyed before them;
  // and before the I/O objects below, which must be destroyed before them.
  std::vector<std::unique_ptr<asio::io_context>> contexts = make_contexts(options.threads);
  // Keeps each context's run() going while it has no connection yet; released by stop().
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::atomic<std::size_t> next_index{0};
  // Accepting, signals and the shutdown timer are serialised on one strand of the first context.
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(*contexts.front())};
  tcp::acceptor acceptor{control};
  asio::steady_timer shutdown_timer{control};
  std::optional<asio::signal_set> signals;
};

void Server::Impl::start() {
  if (started) throw std::logic_error("Server::start called twice");
  if (!options.tls_cert.empty() && !options.tls_key.empty()) {
    tls = make_server_tls_context(options.tls_cert, options.tls_key, options.sni);
    context.tls = tls.get();
  }
  if (options.upload_dir.empty()) options.upload_dir = std::filesystem::temp_directory_path();
  std::error_code dir_error;
  std::filesystem::create_directories(options.upload_dir, dir_error);
  if (dir_error) {
    throw std::runtime_error(fmt::format("cannot create upload directory {}: {}", options.upload_dir.string(),
                                         dir_error.message()));
  }

  beast::error_code ec;
  const auto address = asio::ip::make_address(options.host, ec);
  if (ec)
    throw std::runtime_error(fmt::format("invalid listen address '{}': {}", options.host, ec.message()));
  const tcp::endpoint endpoint{address, options.port};
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{}: {}", options.host, options.port, ec.message()));
  bound_port = acceptor.local_endpoint().port();
  started = true;

  asio::co_spawn(control, accept_loop(), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      core::log::error("http accept loop failed", {{"error", ex.what()}});
    }
  });
  io_threads.reserve(contexts.size());
  for (auto& io : contexts) {
    keep_running.push_back(asio::make_work_guard(*io));
    io_threads.emplace_back([this, &io = *io] { run_io_thread(io); });
  }
  core::log::info("http server listening",
                  {{"address", fmt::format("{}:{}", options.host, bound_port)}, {"tls", tls ? "on" : "off"}});
}

asio::io_context& Server::Impl::next_context() {
  return *contexts[next_index.fetch_add(1, std::memory_order_relaxed) % contexts.size()];
}

void Server::Impl::run_io_thread(asio::io_context& io) {
  // A handler that throws must not end the thread (and with it the server): log and go on.
  for (;;) {
    try {
      io.run();
      return;
    } catch (const std::exception& e) {
      core::log::error("http I/O thread caught an exception", {{"error", e.what()}});
    }
  }
}

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    beast::error_code ec;
    // Each connection gets its own strand: its session runs there, and shutdown posts there.
    tcp::socket socket =
        co_await acceptor.async_accept(asio::any_io_executor(asio::make_strand(next_context())), nothrow(ec));
    if (context.stopping) co_return;
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Typically EMFILE: pause briefly rather than spin while the fd table is full.
      core::log::warn("http accept failed", {{"error", ec.message()}});
      asio::steady_timer pause{control, std::chrono::milliseconds(50)};
      co_await pause.async_wait(nothrow(ec));
      continue;
    }
    admit(std::move(socket));
  }
}

void Server::Impl::admit(tcp::socket socket) {
  beast::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return;  // the client already left
  const auto executor = socket.get_executor();
  auto handle = std::make_shared<ConnectionHandle>(executor, peer_address(endpoint));
  if (auto refusal = try_register(handle)) {
    if (tls) return;  // the socket closes as it goes out of scope
    asio::co_spawn(executor, refuse_busy(std::move(socket), std::move(*refusal), request_id_for("")),
                   asio::detached);
    return;
  }
  asio::co_spawn(executor, run_session(context, handle, std::move(socket)),
                 [this, handle](std::exception_ptr e) {
                   if (e) {
                     // One broken connection must never take the process down.
                     try {
                       std::rethrow_exception(e);
                     } catch (const std::exception& ex) {
                       core::log::error("http session failed", {{"error", ex.what()}});
                     } catch (...) {
                       core::log::error("http session failed with a non-standard exception");
                     }
                   }
                   release(handle);
                 });
}

// Counts a new connection in, or says which limit it is over. The per-address cap goes by the
// TCP peer, never X-Forwarded-For: a header the client writes cannot buy it more connections.
std::optional<core::Error> Server::Impl::try_register(const std::shared_ptr<ConnectionHandle>& handle) {
  const std::lock_guard lock(connections_mutex);
  if (connections.size() >= static_cast<std::size_t>(std::max(0, options.max_connections))) {
    return core::Error(503, "server_busy", "The server has too many open connections; retry shortly");
  }
  int& from_peer = connections_per_peer[handle->peer];
  if (options.max_connections_per_ip > 0 && from_peer >= options.max_connections_per_ip) {
    return core::Error(503, "too_many_connections",
                       "Too many open connections from your address; close some or retry shortly");
  }
  ++from_peer;
  connections.insert(handle);
  open_count->store(connections.size());
  return std::nullopt;
}

void Server::Impl::release(const std::shared_ptr<ConnectionHandle>& handle) {
  bool last = false;
  {
    const std::lock_guard lock(connections_mutex);
    connections.erase(handle);
    if (const auto it = connections_per_peer.find(handle->peer); it != connections_per_peer.end()) {
      if (--it->second == 0) connections_per_peer.erase(it);
    }
    open_count->store(connections.size());
    last = connections.empty();
  }
  // The last connection gone during shutdown: nothing is left for the force-close timer to do.
  if (last && context.stopping) asio::post(control, [this] { shutdown_timer.cancel(); });
}

void Server::Impl::stop() {
  if (context.stopping.exchange(true)) return;
  asio::post(control, [this] {
    beast::error_code ec;
    acceptor.close(ec);
    if (signals) signals->cancel(ec);
    arm_shutdown_timer();
  });
  std::vector<std::shared_ptr<ConnectionHandle>> snapshot;
  {
    const std::lock_guard lock(connections_mutex);
    snapshot.assign(connections.begin(), connections.end());
  }
  // Idle keep-alive connections close now; busy ones finish their request and close after it.
  for (auto& handle : snapshot) {
    asio::post(handle->strand, [handle] {
      if (handle->idle) handle->close();
    });
  }
  // Each context's run() now returns once its last connection and timer are done.
  asio::post(control, [this] { keep_running.clear(); });
}

void Server::Impl::arm_shutdown_timer() {
  {
    // release() cancels the timer when the last connection goes; if that already happened,
    // arming it now would only delay wait() by the whole timeout.
    const std::lock_guard lock(connections_mutex);
    if (connections.empty()) return;
  }
  shutdown_timer.expires_after(options.shutdown_timeout);
  shutdown_timer.async_wait([this](beast::error_code ec) {
    if (ec) return;
    std::vector<std::shared_ptr<ConnectionHandle>> snapshot;
    {
      const std::lock_guard lock(connections_mutex);
      snapshot.assign(connections.begin(), connections.end());
    }
    if (!snapshot.empty()) {
      core::log::warn("http shutdown timeout: closing connections still busy",
                      {{"connections", std::to_string(snapshot.size())}});
    }
    for (auto& handle : snapshot) asio::post(handle->strand, [handle] { handle->close(); });
  });
}

void Server::Impl::wait() {
  const std::lock_guard lock(wait_mutex);
  for (auto& t : io_threads) {
    if (t.joinable()) t.join();
  }
  // Blocking handlers may still be running on a force-closed connection; let them end.
  workers.join();
}

void Server::Impl::stop_on_signals() {
  // Registered here rather than posted, so the handlers are installed when this returns: a
  // signal a moment later is a shutdown, not the default action (termination).
  if (signals) return;
  signals.emplace(control, SIGINT, SIGTERM);
  signals->async_wait([this](beast::error_code ec, int signal) {
    if (ec) return;
    core::log::info("signal received, shutting down", {{"signal", signal == SIGINT ? "SIGINT" : "SIGTERM"}});
    stop();
  });
}

Server::Server(ServerOptions options, Pipeline& pipeline, core::MetricsRegistry& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), pipeline, metrics)) {
  // sendfile(2) has no MSG_NOSIGNAL: writing a file body to a client that closed raises SIGPIPE,
  // whose default action ends the process. A server must see that as EPIPE on one connection.
  std::signal(SIGPIPE, SIG_IGN);
}

Server::~Server() {
  stop();
  wait();
}

void Server::start() { impl_->start(); }
std::uint16_t Server::port() const { return impl_->bound_port; }
void Server::stop() { impl_->stop(); }
void Server::wait() { impl_->wait(); }
void Server::stop_on_signals() { impl_->stop_on_signals(); }

std::size_t Server::connections() const { return impl_->open_count->load(); }

}  // namespace cove::http
