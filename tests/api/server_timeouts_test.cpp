// Each timeout is tested alone: it is set to 1 s and the others to 30 s, so a connection closed
// within a few seconds was closed by the timeout under test.
#include <catch2/catch.hpp>

#include "api/server_fixture.hpp"
#include "support/raw_socket.hpp"

using namespace std::chrono_literals;
using cove::test::HttpTestServer;
using cove::test::raw_request;
using cove::test::RawSocket;

namespace {

cove::http::ServerOptions slow_options() {
  auto o = cove::test::http_test_options();
  o.header_timeout = std::chrono::seconds(30);
  o.idle_timeout = std::chrono::seconds(30);
  o.body_timeout = std::chrono::seconds(30);
  return o;
}

}  // namespace

TEST_CASE("server drops a client that stalls in the request head", "[server]") {
  auto options = slow_options();
  options.header_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  SECTION("partial head") {
    RawSocket s(ts.port());
    REQUIRE(s.send("GET /t/hello HTTP/1.1\r\nHost: t\r\n"));
    CHECK(s.closed_within(8s));
  }
  SECTION("nothing sent at all") {
    RawSocket s(ts.port());
    CHECK(s.closed_within(8s));
  }
}

TEST_CASE("server closes a kept-alive connection after the idle timeout", "[server]") {
  auto options = slow_options();
  options.idle_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  RawSocket s(ts.port());
  REQUIRE(s.send(raw_request("GET", "/t/hello")));
  auto res = s.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(s.closed_within(8s));
}

TEST_CASE("server drops a client whose body stops making progress", "[server]") {
  auto options = slow_options();
  options.body_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  SECTION("in-memory body") {
    RawSocket s(ts.port());
    REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n0123456789"));
    CHECK(s.closed_within(8s));
  }
  SECTION("streamed body; its temp file is removed") {
    RawSocket s(ts.port());
    REQUIRE(s.send("PUT /t/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n0123456789"));
    CHECK(s.closed_within(8s));
    // The session removes the partial file as it unwinds, just after the close.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!std::filesystem::is_empty(ts.upload_dir()) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
    }
    CHECK(std::filesystem::is_empty(ts.upload_dir()));
  }
}

TEST_CASE("server's body timeout bounds each read, not the whole body", "[server]") {
  auto options = slow_options();
  options.body_timeout = std::chrono::seconds(2);
  HttpTestServer ts(options);
  RawSocket s(ts.port());
  REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\n"));
  // Three seconds in all, but never more than half a second without progress.
  for (const char* part : {"a", "b", "c", "d", "e", "f"}) {
    std::this_thread::sleep_for(500ms);
    REQUIRE(s.send(part));
  }
  auto res = s.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(nlohmann::json::parse(res->body)["body"] == "abcdef");
}

TEST_CASE("server drops a client that stops reading a file response", "[server]") {
  auto options = slow_options();
  options.body_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  RawSocket s(ts.port());
  REQUIRE(s.send("GET /t/big HTTP/1.1\r\nHost: t\r\n\r\n"));
  // Not reading: the socket buffers fill, the server waits for the client to make room, and gives
  // up after the write timeout (1 s) instead of holding the connection.
  std::this_thread::sleep_for(3s);
  const auto received = s.read_until_close(20s);
  INFO("received " << received.size() << " bytes of " << HttpTestServer::kBigSize);
  CHECK(received.size() < HttpTestServer::kBigSize);
  CHECK(received.starts_with("HTTP/1.1 200"));
}

TEST_CASE("server sends a large file to a client that keeps reading", "[server]") {
  auto options = slow_options();
  options.body_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  RawSocket s(ts.port());
  REQUIRE(s.send("GET /t/big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  const auto received = s.read_until_close(60s);
  const auto head_end = received.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  CHECK(received.size() - head_end - 4 == HttpTestServer::kBigSize);
}
