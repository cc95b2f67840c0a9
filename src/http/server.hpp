#pragma once
// The HTTP/1.1 server: Boost.Beast over Asio with C++20 coroutines, one io_context run by N
// threads, one strand per connection. Per connection: a fresh parser per request with the header
// limit (431) and the route's body limit (413), timeouts (header, idle keep-alive, body progress)
// and a minimum body rate (408), keep-alive and pipelined requests answered in order; limits on
// open connections, in all and per client address (503); optional TLS. stop() is graceful: stop
// accepting, close idle connections, let in-flight requests finish (bounded by shutdown_timeout),
// then return from wait().
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "http/pipeline.hpp"

namespace cove::http {

class SniCertificates;

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = ephemeral (tests); see Server::port()
  int threads = 2;
  int worker_threads = 2;     // pool for .blocking() routes
  int max_connections = 10000;
  int max_connections_per_ip = 256;      // per TCP peer address; 0 = no per-address cap
  std::size_t header_limit = 16 * 1024;  // the whole head: request line, fields, blank line
  std::size_t body_limit = 1024 * 1024;  // default when a route sets none
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds body_timeout{30};
  // A request body must bring at least this many bytes per second, measured over a trailing
  // window; 0 = no minimum.
  std::uint64_t min_body_rate = 1024;
  std::chrono::seconds min_body_rate_window{10};
  std::chrono::seconds shutdown_timeout{10};
  std::string tls_cert;  // PEM files; TLS when both set
  std::string tls_key;
  const SniCertificates* sni = nullptr;  // more certificates chosen by SNI; must outlive the server
  bool trust_proxy = false;
  std::filesystem::path upload_dir;  // temp files for streamed bodies (same fs as the blob store)
};

class Server {
 public:
  Server(ServerOptions options, Pipeline& pipeline, core::MetricsRegistry& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the I/O and worker threads; throws std::runtime_error if it cannot listen.
  void start();
  std::uint16_t port() const;
  // Graceful shutdown; safe to call from any thread or a signal watcher, more than once.
  void stop();
  // Blocks until the server has stopped (after stop(), or SIGINT/SIGTERM when watched).
  void wait();
  // Makes SIGINT/SIGTERM call stop(). Call once, from the process that owns the server.
  void stop_on_signals();
  std::size_t connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cove::http
