// Graceful shutdown: stop accepting, close idle connections, finish in-flight requests with
// Connection: close, force-close what is left after shutdown_timeout; and SIGTERM does the same.
#include <catch2/catch.hpp>

#include <csignal>
#include <future>

#include "api/server_fixture.hpp"
#include "support/raw_socket.hpp"

using namespace std::chrono_literals;
using cove::test::HttpTestServer;
using cove::test::raw_request;
using cove::test::RawSocket;

namespace {

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

bool refuses_connections(std::uint16_t port) {
  try {
    RawSocket s(port);
    return false;
  } catch (const std::runtime_error&) {
    return true;
  }
}

// Whether wait() returns within `timeout`. If it does not, stop() is called so the test ends
// with a failure instead of hanging.
bool wait_returns_within(cove::http::Server& server, std::chrono::seconds timeout = 10s) {
  auto waited = std::async(std::launch::async, [&] { server.wait(); });
  if (waited.wait_for(timeout) == std::future_status::ready) return true;
  server.stop();
  return false;
}

bool in_flight(const HttpTestServer& ts) {
  return ts.metrics.render().find("cove_http_requests_in_flight 1") != std::string::npos;
}

}  // namespace

TEST_CASE("server shutdown finishes in-flight requests and closes idle connections", "[server]") {
  HttpTestServer ts;
  const auto port = ts.port();

  RawSocket idle(port);
  REQUIRE(idle.send(raw_request("GET", "/t/hello")));
  REQUIRE(idle.read_response());

  RawSocket busy(port);
  REQUIRE(busy.send(raw_request("GET", "/t/sleep?ms=300")));
  REQUIRE(wait_until([&] { return ts.sleeping == 1; }));

  ts.server->stop();
  // The idle keep-alive connection is closed at once, not after the 10 s shutdown timeout.
  CHECK(idle.closed_within(3s));

  auto res = busy.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "slept");
  CHECK(res->header("Connection") == "close");
  CHECK(busy.closed_within(3s));

  CHECK(refuses_connections(port));
  CHECK(wait_returns_within(*ts.server));
  CHECK(ts.sleep_done == 1);
}

TEST_CASE("server shutdown force-closes connections still busy after the timeout", "[server]") {
  auto options = cove::test::http_test_options();
  options.shutdown_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  RawSocket stalled(ts.port());
  // Mid-body, so in flight (not idle); its own body timeout (30 s) would keep it much longer.
  REQUIRE(stalled.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc"));
  REQUIRE(wait_until([&] { return in_flight(ts); }));

  ts.server->stop();
  CHECK(stalled.closed_within(8s));
  CHECK(wait_returns_within(*ts.server));
}

TEST_CASE("server stop and wait are idempotent and work with no connections", "[server]") {
  HttpTestServer ts;
  ts.server->stop();
  ts.server->stop();
  CHECK(wait_returns_within(*ts.server));
  ts.server->wait();
  CHECK(refuses_connections(ts.port()));
}

TEST_CASE("server stops on SIGTERM when watching signals", "[server]") {
  HttpTestServer ts;
  ts.server->stop_on_signals();
  RawSocket s(ts.port());
  REQUIRE(s.send(raw_request("GET", "/t/hello")));
  REQUIRE(s.read_response());

  REQUIRE(std::raise(SIGTERM) == 0);
  CHECK(wait_returns_within(*ts.server));
  CHECK(s.closed_within(3s));
}
