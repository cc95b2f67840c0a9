// Each timeout is tested alone: it is set to 1 s and the others to 30 s, so a connection closed
// within a few seconds was closed by the timeout under test. The minimum body rate is tested the
// same way, with a 2 s window against a 30 s body timeout.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

std::string error_code(const cove::test::RawResponse& res) {
  return nlohmann::json::parse(res.body).value("code", "");
}

// Sends `bytes` single bytes `gap` apart, until all are sent or the server answers or closes.
// Returns how long it kept sending.
std::chrono::steady_clock::duration trickle(RawSocket& s, std::size_t bytes, std::chrono::milliseconds gap) {
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < bytes; ++i) {
    if (!s.send("x") || s.readable_within(gap)) break;
  }
  return std::chrono::steady_clock::now() - start;
}

bool upload_dir_empties_within(const HttpTestServer& ts, std::chrono::milliseconds timeout) {
  // The session removes a partial file as it unwinds, just after the answer or the close.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!std::filesystem::is_empty(ts.upload_dir()) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  return std::filesystem::is_empty(ts.upload_dir());
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
    CHECK(upload_dir_empties_within(ts, 5s));
  }
}

TEST_CASE("server cuts off a body that arrives below the minimum rate", "[server]") {
  auto options = slow_options();  // a 30 s body timeout: each byte below comes well within it
  options.min_body_rate = 1024;
  options.min_body_rate_window = std::chrono::seconds(2);
  HttpTestServer ts(options);
  // 4 bytes a second would take 10 s for the 40-byte body; the 2 s window ends it much sooner.
  SECTION("in-memory body") {
    RawSocket s(ts.port());
    REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 40\r\n\r\n"));
    const auto sending = trickle(s, 40, 250ms);
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 408);
    CHECK(error_code(*res) == "request_timeout");
    CHECK(res->header("Connection") == "close");
    CHECK(sending < 8s);
    CHECK(s.closed_within(5s));
  }
  SECTION("streamed body; its temp file is removed") {
    RawSocket s(ts.port());
    REQUIRE(s.send("PUT /t/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 40\r\n\r\n"));
    const auto sending = trickle(s, 40, 250ms);
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 408);
    CHECK(error_code(*res) == "request_timeout");
    CHECK(sending < 8s);
    CHECK(s.closed_within(5s));
    CHECK(upload_dir_empties_within(ts, 5s));
  }
  SECTION("chunked body") {
    RawSocket s(ts.port());
    REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n28\r\n"));
    const auto sending = trickle(s, 40, 250ms);
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 408);
    CHECK(sending < 8s);
  }
}

TEST_CASE("server accepts a slow body that keeps the minimum rate", "[server]") {
  auto options = slow_options();
  SECTION("above the minimum, for longer than the window") {
    options.min_body_rate = 100;
    options.min_body_rate_window = std::chrono::seconds(1);
    HttpTestServer ts(options);
    RawSocket s(ts.port());
    // 1000 bytes a second for 2.5 s against a minimum of 100: a pause of a second would still pass.
    REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2500\r\n\r\n"));
    for (int i = 0; i < 25; ++i) {
      std::this_thread::sleep_for(100ms);
      REQUIRE(s.send(std::string(100, 'b')));
    }
    auto res = s.read_response();
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(nlohmann::json::parse(res->body)["body"].get<std::string>().size() == 2500);
  }
  SECTION("a minimum of 0 turns the check off") {
    options.min_body_rate = 0;
    options.min_body_rate_window = std::chrono::seconds(1);
    HttpTestServer ts(options);
    RawSocket s(ts.port());
    REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n"));
    CHECK(trickle(s, 10, 250ms) >= 2s);
    auto res = s.read_response();
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(nlohmann::json::parse(res->body)["body"] == "xxxxxxxxxx");
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

TEST_CASE("server survives a client that leaves in the middle of a file response", "[server]") {
  HttpTestServer ts;
  // A client that closes cleanly (FIN) while the server is still sending: the server's next
  // sendfile(2) meets a reset peer in CLOSE_WAIT, which raises SIGPIPE — whose default action ends
  // the whole process (here: this test binary) unless the server ignores it. wrk does exactly this
  // at the end of every package-download run. The timing of FIN against the sender varies, so try
  // a few times; one hit is enough to kill an unprotected server.
  for (int attempt = 0; attempt < 20; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(ts.port());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const std::string request = "GET /t/big HTTP/1.1\r\nHost: t\r\n\r\n";
    REQUIRE(::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()));
    std::vector<char> buffer(256 * 1024);
    std::size_t received = 0;
    while (received < 1024 * 1024) {
      const auto n = ::recv(fd, buffer.data(), buffer.size(), 0);
      if (n <= 0) break;
      received += static_cast<std::size_t>(n);
    }
    // Drain what has arrived, so close() sends FIN rather than RST.
    while (::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT) > 0) {
    }
    ::close(fd);
  }
  std::this_thread::sleep_for(300ms);
  RawSocket again(ts.port());
  REQUIRE(again.send(raw_request("GET", "/t/file?offset=0&length=10")));
  const auto res = again.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
}
