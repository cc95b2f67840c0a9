// Limits the server enforces itself: header size (431), body size (413), connection count, in
// all and per client address (503), and the Expect: 100-continue handshake that lets a refused
// upload stay unsent.
#include <catch2/catch.hpp>

#include "api/server_fixture.hpp"
#include "support/raw_socket.hpp"

using namespace std::chrono_literals;
using cove::test::HttpTestServer;
using cove::test::raw_request;
using cove::test::RawSocket;

namespace {

std::string chunked(std::size_t chunks, std::size_t chunk_size) {
  std::string out;
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk_size);
  for (std::size_t i = 0; i < chunks; ++i) {
    out += size_line;
    out += std::string(chunk_size, 'c');
    out += "\r\n";
  }
  return out + "0\r\n\r\n";
}

std::string error_code(const cove::test::RawResponse& res) {
  return nlohmann::json::parse(res.body).value("code", "");
}

bool upload_dir_empty(const HttpTestServer& ts) { return std::filesystem::is_empty(ts.upload_dir()); }

// A GET /t/hello head of exactly `size` bytes, request line to blank line. `target_pad` bytes go
// into the query string; the rest is header lines of about 100 bytes, as cookies and tracing
// headers arrive, so the parser meets many complete fields rather than one long one.
std::string head_of_size(std::size_t size, std::size_t target_pad) {
  std::string head = "GET /t/hello?pad=" + std::string(target_pad, 'q') + " HTTP/1.1\r\nHost: t\r\n";
  constexpr std::size_t kLine = 100;
  for (int i = 0; head.size() + 2 < size; ++i) {
    const std::string name = "X-Pad-" + std::to_string(i) + ": ";
    const std::size_t room = size - 2 - head.size();
    // The last line takes all that is left, so no remainder too short for a line is left over.
    const std::size_t line = room < 2 * kLine ? room : kLine;
    head += name + std::string(line - name.size() - 2, 'h') + "\r\n";
  }
  return head + "\r\n";
}

// Sends `bytes` in pieces with a pause after each, so the server reads them separately. A server
// that answers early and closes may make a later piece fail, which the caller may ignore.
bool send_in_pieces(RawSocket& s, std::string_view bytes, std::size_t piece) {
  while (!bytes.empty()) {
    const std::size_t n = std::min(piece, bytes.size());
    if (!s.send(bytes.substr(0, n))) return false;
    bytes.remove_prefix(n);
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

}  // namespace

TEST_CASE("server answers 431 to oversized headers and closes", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  REQUIRE(s.send(raw_request("GET", "/t/hello", "X-Big: " + std::string(20 * 1024, 'a') + "\r\n")));
  auto res = s.read_response();
  REQUIRE(res);
  CHECK(res->status == 431);
  CHECK(error_code(*res) == "request_header_too_large");
  CHECK(res->header("Connection") == "close");
  CHECK(s.closed_within(5s));

  SECTION("a head just under the limit is fine") {
    RawSocket ok(ts.port());
    REQUIRE(ok.send(raw_request("GET", "/t/hello", "X-Big: " + std::string(15 * 1024, 'a') + "\r\n")));
    auto fine = ok.read_response();
    REQUIRE(fine);
    CHECK(fine->status == 200);
  }
}

TEST_CASE("server enforces the header limit exactly, however the head arrives", "[server]") {
  constexpr std::size_t kLimit = 16 * 1024;
  auto options = cove::test::http_test_options();
  options.header_limit = kLimit;
  HttpTestServer ts(options);
  // The limit counts the whole head, request line included, whether it comes in one read or in
  // many; once a 16 KiB limit let a 32 KiB head through when it arrived in one write.
  for (const std::size_t target_pad : {std::size_t{0}, std::size_t{10 * 1024}}) {
    for (const std::size_t piece : {std::size_t{0}, std::size_t{4096}, std::size_t{1024}}) {
      for (const std::size_t size : {kLimit, kLimit + 1, kLimit + 8 * 1024, 2 * kLimit - 16}) {
        const std::string head = head_of_size(size, target_pad);
        REQUIRE(head.size() == size);
        INFO("head of " << size << " bytes, " << target_pad << " in the target, sent "
                        << (piece == 0 ? std::string("in one write")
                                       : std::to_string(piece) + "-byte pieces"));
        RawSocket s(ts.port());
        if (piece == 0) {
          REQUIRE(s.send(head));
        } else {
          send_in_pieces(s, head, piece);
        }
        auto res = s.read_response(5s);
        REQUIRE(res);
        if (size <= kLimit) {
          CHECK(res->status == 200);
        } else {
          CHECK(res->status == 431);
          CHECK(error_code(*res) == "request_header_too_large");
        }
      }
    }
  }
}

TEST_CASE("server answers 413 to a Content-Length over the route limit before reading it", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  // Only the head is sent: a server waiting for the 4 KiB body would never answer.
  REQUIRE(s.send("POST /t/small HTTP/1.1\r\nHost: t\r\nContent-Length: 4096\r\n\r\n"));
  auto res = s.read_response(5s);
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(error_code(*res) == "payload_too_large");
  CHECK(s.closed_within(5s));

  SECTION("within the limit is accepted") {
    RawSocket ok(ts.port());
    REQUIRE(ok.send(raw_request("POST", "/t/small", "", std::string(1024, 'x'))));
    auto fine = ok.read_response();
    REQUIRE(fine);
    CHECK(fine->status == 200);
    CHECK(fine->body == "1024");
  }
}

TEST_CASE("server keeps reading a refused body for a while instead of resetting the sender", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  REQUIRE(s.send("POST /t/small HTTP/1.1\r\nHost: t\r\nContent-Length: 8388608\r\n\r\n"));
  auto res = s.read_response(5s);
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(s.closed_within(5s));  // the server's half of the connection is done
  // A client still uploading must not be answered with a reset (which can destroy the 413 on
  // a real network), so the server drains what keeps coming before it closes.
  const std::string more(64 * 1024, 'm');
  CHECK(s.send(more));
  std::this_thread::sleep_for(100ms);
  CHECK(s.send(more));
}

TEST_CASE("server applies the default body limit to routes without one", "[server]") {
  auto options = cove::test::http_test_options();
  options.body_limit = 2048;
  HttpTestServer ts(options);
  RawSocket s(ts.port());
  REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2049\r\n\r\n"));
  auto res = s.read_response(5s);
  REQUIRE(res);
  CHECK(res->status == 413);
}

TEST_CASE("server enforces body limits on chunked bodies while reading", "[server]") {
  HttpTestServer ts;
  SECTION("in-memory route") {
    RawSocket s(ts.port());
    REQUIRE(
        s.send("POST /t/small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(8, 512)));
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(s.closed_within(5s));
  }
  SECTION("in-memory route, within the limit") {
    RawSocket s(ts.port());
    REQUIRE(
        s.send("POST /t/small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(2, 500)));
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body == "1000");
  }
  SECTION("streamed route: refused, and its partial temp file removed") {
    RawSocket s(ts.port());
    REQUIRE(s.send("PUT /t/upload-small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
                   chunked(8, 512)));
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(s.closed_within(5s));
    CHECK(upload_dir_empty(ts));
  }
}

TEST_CASE("server sends 100 Continue only for accepted requests", "[server]") {
  HttpTestServer ts;
  SECTION("accepted: 100, then the body, then the answer") {
    RawSocket s(ts.port());
    REQUIRE(s.send("POST /t/echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
    auto interim = s.read_response(5s);
    REQUIRE(interim);
    CHECK(interim->status == 100);
    REQUIRE(s.send("hello"));
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(nlohmann::json::parse(res->body)["body"] == "hello");
  }
  SECTION("refused (too large): the final answer instead of 100, body never sent") {
    RawSocket s(ts.port());
    REQUIRE(
        s.send("POST /t/small HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"));
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 413);
  }
  SECTION("refused (no route): 404 instead of 100") {
    RawSocket s(ts.port());
    REQUIRE(
        s.send("PUT /t/missing HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"));
    auto res = s.read_response(5s);
    REQUIRE(res);
    CHECK(res->status == 404);
    CHECK(s.closed_within(5s));
  }
}

TEST_CASE("server keeps the connection after refusing a request with a small body", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  REQUIRE(
      s.send(raw_request("POST", "/t/missing", "", "a small body") + raw_request("GET", "/t/items/next")));
  auto refused = s.read_response();
  REQUIRE(refused);
  CHECK(refused->status == 404);
  auto next = s.read_response();
  REQUIRE(next);
  CHECK(next->body == "next");
}

TEST_CASE("server refuses connections over the limit with 503", "[server]") {
  auto options = cove::test::http_test_options();
  options.max_connections = 2;
  HttpTestServer ts(options);
  auto first = std::make_unique<RawSocket>(ts.port());
  RawSocket second(ts.port());
  // A round trip on each proves both were accepted and counted.
  for (RawSocket* s : {first.get(), &second}) {
    REQUIRE(s->send(raw_request("GET", "/t/hello")));
    REQUIRE(s->read_response());
  }

  RawSocket third(ts.port());
  REQUIRE(third.send(raw_request("GET", "/t/hello")));
  auto busy = third.read_response(5s);
  REQUIRE(busy);
  CHECK(busy->status == 503);
  CHECK(error_code(*busy) == "server_busy");
  CHECK(third.closed_within(5s));

  // A slot frees when a connection closes.
  first.reset();
  bool served = false;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!served && std::chrono::steady_clock::now() < deadline) {
    RawSocket again(ts.port());
    if (again.send(raw_request("GET", "/t/hello"))) {
      auto res = again.read_response(5s);
      served = res && res->status == 200;
    }
    if (!served) std::this_thread::sleep_for(20ms);
  }
  CHECK(served);
}

TEST_CASE("server caps concurrent connections per client address with 503", "[server]") {
  auto options = cove::test::http_test_options();
  options.max_connections_per_ip = 2;
  HttpTestServer ts(options);
  auto first = std::make_unique<RawSocket>(ts.port());
  RawSocket second(ts.port());
  for (RawSocket* s : {first.get(), &second}) {
    REQUIRE(s->send(raw_request("GET", "/t/hello")));
    REQUIRE(s->read_response());
  }

  RawSocket third(ts.port());
  REQUIRE(third.send(raw_request("GET", "/t/hello")));
  auto busy = third.read_response(5s);
  REQUIRE(busy);
  CHECK(busy->status == 503);
  CHECK(error_code(*busy) == "too_many_connections");
  CHECK(busy->header("Retry-After"));
  CHECK(third.closed_within(5s));

  // The cap is per address: a client elsewhere still gets in.
  RawSocket elsewhere(ts.port(), "127.0.0.2");
  REQUIRE(elsewhere.send(raw_request("GET", "/t/hello")));
  auto other = elsewhere.read_response(5s);
  REQUIRE(other);
  CHECK(other->status == 200);

  // A slot frees when one of the address's connections closes.
  first.reset();
  bool served = false;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!served && std::chrono::steady_clock::now() < deadline) {
    RawSocket again(ts.port());
    if (again.send(raw_request("GET", "/t/hello"))) {
      auto res = again.read_response(5s);
      served = res && res->status == 200;
    }
    if (!served) std::this_thread::sleep_for(20ms);
  }
  CHECK(served);
}
