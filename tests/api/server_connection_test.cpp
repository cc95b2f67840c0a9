// The server's connection handling: keep-alive, HTTP/1.0, pipelining, HEAD, request targets,
// client addresses, file bodies and the open-connections gauge.
#include <catch2/catch.hpp>

#include "api/server_fixture.hpp"
#include "support/raw_socket.hpp"

using namespace std::chrono_literals;
using cove::test::HttpTestServer;
using cove::test::raw_request;
using cove::test::RawSocket;

TEST_CASE("server keeps a connection alive across requests", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  REQUIRE(s.send(raw_request("GET", "/t/items/one")));
  auto first = s.read_response();
  REQUIRE(first);
  CHECK(first->status == 200);
  CHECK(first->body == "one");
  CHECK(first->header("Date"));
  CHECK(first->header("Connection").value_or("") != "close");

  REQUIRE(s.send(raw_request("GET", "/t/items/two")));
  auto second = s.read_response();
  REQUIRE(second);
  CHECK(second->body == "two");
  CHECK(ts.server->connections() == 1);
}

TEST_CASE("server answers HTTP/1.0 and closes unless asked to keep alive", "[server]") {
  HttpTestServer ts;
  SECTION("plain HTTP/1.0 closes after the response") {
    RawSocket s(ts.port());
    REQUIRE(s.send("GET /t/hello HTTP/1.0\r\n\r\n"));
    const std::string all = s.read_until_close(5s);
    CHECK(all.starts_with("HTTP/1.0 200"));
    CHECK(all.ends_with("hello world"));
  }
  SECTION("HTTP/1.0 with Connection: keep-alive stays open") {
    RawSocket s(ts.port());
    REQUIRE(s.send("GET /t/hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto first = s.read_response();
    REQUIRE(first);
    CHECK(first->header("Connection").value_or("") == "keep-alive");
    REQUIRE(s.send("GET /t/items/again HTTP/1.0\r\n\r\n"));
    auto second = s.read_response();
    REQUIRE(second);
    CHECK(second->body == "again");
    CHECK(s.closed_within(5s));
  }
}

TEST_CASE("server answers pipelined requests in order", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  // The first is slow (worker pool) and the others are fast: order must still hold.
  REQUIRE(s.send(raw_request("GET", "/t/sleep?ms=200") + raw_request("GET", "/t/items/2") +
                 raw_request("POST", "/t/echo", "", "three")));
  auto r1 = s.read_response();
  auto r2 = s.read_response();
  auto r3 = s.read_response();
  REQUIRE(r1);
  REQUIRE(r2);
  REQUIRE(r3);
  CHECK(r1->body == "slept");
  CHECK(r2->body == "2");
  CHECK(nlohmann::json::parse(r3->body)["body"] == "three");
}

TEST_CASE("server answers HEAD with the GET's headers and no body", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  // A body after the HEAD response would be read as the start of the GET's response.
  REQUIRE(s.send(raw_request("HEAD", "/t/hello") + raw_request("GET", "/t/items/after")));
  auto head = s.read_response(10s, /*head_request=*/true);
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->header("Content-Length") == "11");
  auto next = s.read_response();
  REQUIRE(next);
  CHECK(next->status == 200);
  CHECK(next->body == "after");

  SECTION("also for a file body") {
    REQUIRE(s.send(raw_request("HEAD", "/t/file?offset=10&length=5000") + raw_request("GET", "/t/items/x")));
    auto file_head = s.read_response(10s, true);
    REQUIRE(file_head);
    CHECK(file_head->header("Content-Length") == "5000");
    auto after = s.read_response();
    REQUIRE(after);
    CHECK(after->body == "x");
  }
}

TEST_CASE("server decodes the path and rejects bad escapes and NUL", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  REQUIRE(s.send(raw_request("GET", "/t/items/a%20b?x=%41")));
  auto ok = s.read_response();
  REQUIRE(ok);
  CHECK(ok->body == "a b");

  REQUIRE(s.send(raw_request("GET", "/t/echo?q=1&r=%20")));
  auto echo = s.read_response();
  REQUIRE(echo);
  const auto json = nlohmann::json::parse(echo->body);
  CHECK(json["path"] == "/t/echo");
  CHECK(json["query"] == "q=1&r=%20");
  CHECK(json["method"] == "GET");

  for (const char* target : {"/t/items/%zz", "/t/items/%4"}) {
    RawSocket bad(ts.port());
    REQUIRE(bad.send(raw_request("GET", target)));
    auto res = bad.read_response();
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(nlohmann::json::parse(res->body)["code"] == "bad_request");
  }
  // An encoded NUL is a traversal attempt: it names nothing, so 404 before any lookup.
  RawSocket nul(ts.port());
  REQUIRE(nul.send(raw_request("GET", "/t/items/a%00b")));
  auto nul_res = nul.read_response();
  REQUIRE(nul_res);
  CHECK(nul_res->status == 404);
}

TEST_CASE("server takes the client address from the socket or a trusted proxy", "[server]") {
  const std::string forwarded = "X-Forwarded-For: 203.0.113.9, 10.0.0.1\r\n";
  SECTION("untrusted: the peer address") {
    HttpTestServer ts;
    RawSocket s(ts.port());
    REQUIRE(s.send(raw_request("GET", "/t/echo", forwarded)));
    auto res = s.read_response();
    REQUIRE(res);
    CHECK(nlohmann::json::parse(res->body)["remoteIp"] == "127.0.0.1");
    CHECK(nlohmann::json::parse(res->body)["secure"] == false);
  }
  SECTION("trusted proxy: the first X-Forwarded-For entry") {
    auto options = cove::test::http_test_options();
    options.trust_proxy = true;
    HttpTestServer ts(options);
    RawSocket s(ts.port());
    REQUIRE(s.send(raw_request("GET", "/t/echo", forwarded)));
    auto res = s.read_response();
    REQUIRE(res);
    CHECK(nlohmann::json::parse(res->body)["remoteIp"] == "203.0.113.9");
  }
  SECTION("trusted proxy, but the header is not an address: the peer address") {
    auto options = cove::test::http_test_options();
    options.trust_proxy = true;
    HttpTestServer ts(options);
    RawSocket s(ts.port());
    REQUIRE(s.send(raw_request("GET", "/t/echo", "X-Forwarded-For: evil\" injected=1\r\n")));
    auto res = s.read_response();
    REQUIRE(res);
    CHECK(nlohmann::json::parse(res->body)["remoteIp"] == "127.0.0.1");
  }
}

TEST_CASE("server start fails clearly when the port is taken", "[server]") {
  HttpTestServer first;
  auto options = cove::test::http_test_options();
  options.port = first.port();
  CHECK_THROWS_WITH(HttpTestServer(options), Catch::Contains("cannot listen on 127.0.0.1:"));
}

TEST_CASE("server sends a file region as the body", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  // Larger than one 64 KiB chunk, starting mid-file.
  const std::size_t offset = 1000, length = 200000;
  REQUIRE(s.send(raw_request("GET", "/t/file?offset=1000&length=200000")));
  auto res = s.read_response();
  REQUIRE(res);
  CHECK(res->status == 200);
  REQUIRE(res->body.size() == length);
  std::string expected(length, '\0');
  for (std::size_t i = 0; i < length; ++i) expected[i] = HttpTestServer::pattern_byte(offset + i);
  CHECK(res->body == expected);

  SECTION("a region past the end of the file is a 500, not a short body") {
    REQUIRE(s.send(raw_request("GET", "/t/file?offset=300000&length=100000")));
    auto bad = s.read_response();
    REQUIRE(bad);
    CHECK(bad->status == 500);
    CHECK(nlohmann::json::parse(bad->body)["code"] == "internal_error");
  }
}

TEST_CASE("server closes the connection when the handler asks", "[server]") {
  HttpTestServer ts;
  RawSocket s(ts.port());
  REQUIRE(s.send(raw_request("GET", "/t/close")));
  auto res = s.read_response();
  REQUIRE(res);
  CHECK(res->body == "bye");
  CHECK(res->header("Connection") == "close");
  CHECK(s.closed_within(5s));
}

TEST_CASE("server reports open connections as a metric", "[server]") {
  HttpTestServer ts;
  CHECK(ts.metrics.render().find("cove_http_connections 0") != std::string::npos);
  {
    RawSocket s(ts.port());
    REQUIRE(s.send(raw_request("GET", "/t/hello")));
    REQUIRE(s.read_response());
    CHECK(ts.metrics.render().find("cove_http_connections 1") != std::string::npos);
  }
  // The session notices the close asynchronously.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (ts.server->connections() != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  CHECK(ts.metrics.render().find("cove_http_connections 0") != std::string::npos);
}
