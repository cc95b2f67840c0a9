#pragma once
// One connection's request loop, run as a coroutine on the connection's strand. Internal to
// src/http: the server accepts, the session reads, dispatches through the pipeline and writes.
#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "http/server.hpp"

namespace cove::http {

class AnyStream;

// What all sessions of one server share; outlives every session.
struct SessionContext {
  SessionContext(const ServerOptions& o, Pipeline& p, boost::asio::thread_pool& w)
      : options(o), pipeline(p), workers(w) {}
  const ServerOptions& options;
  Pipeline& pipeline;
  boost::asio::thread_pool& workers;         // runs .blocking() routes
  boost::asio::ssl::context* tls = nullptr;  // null: plain HTTP
  std::atomic<bool> stopping{false};         // set once by Server::stop()
};

// The server's handle on a connection, used by shutdown and the connection limits. `stream` and
// `idle` are read and written only on `strand` (the session runs there; the server posts to it),
// so they need no lock; the rest is fixed at accept.
struct ConnectionHandle {
  ConnectionHandle(boost::asio::any_io_executor s, std::string p)
      : strand(std::move(s)), peer(std::move(p)) {}
  boost::asio::any_io_executor strand;
  const std::string peer;       // the TCP peer's address: what the per-address limit counts
  AnyStream* stream = nullptr;  // set while the session runs
  // Waiting for a request to begin (or for the TLS handshake): closing loses nothing.
  bool idle = true;
  // Set while an event stream waits for frames: wakes it, so a shutdown need not wait for the
  // next heartbeat.
  std::function<void()> interrupt;
  // Closes the socket, if the session still runs; its pending operation completes with an error.
  void close();
};

// Serves requests on `socket` until the peer leaves, an error or timeout ends the connection, or
// shutdown closes it. Errors end this connection only; nothing here throws on the I/O path.
boost::asio::awaitable<void> run_session(SessionContext& context, std::shared_ptr<ConnectionHandle> handle,
                                         boost::asio::ip::tcp::socket socket);

}  // namespace cove::http
