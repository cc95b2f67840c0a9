// The synchronous client against the in-process server: keep-alive with reconnect, uploads with
// progress, HEAD, timeouts and failures.
#include <catch2/catch.hpp>

#include <fstream>

#include "api/server_fixture.hpp"
#include "core/crypto.hpp"
#include "http/client.hpp"

using namespace std::chrono_literals;
using cove::http::Client;
using cove::http::ClientOptions;
using cove::http::Method;
using cove::test::HttpTestServer;

namespace {

std::filesystem::path write_file(const cove::test::TempDir& dir, const std::string& name, std::size_t size) {
  const auto path = dir.path() / name;
  std::ofstream out(path, std::ios::binary);
  for (std::size_t i = 0; i < size; ++i) out.put(static_cast<char>(i * 31 % 251));
  return path;
}

}  // namespace

TEST_CASE("client reconnects when the server closed the kept-alive connection", "[client]") {
  auto options = cove::test::http_test_options();
  options.idle_timeout = std::chrono::seconds(1);
  HttpTestServer ts(options);
  Client client("127.0.0.1", ts.port());
  CHECK(client.get("/t/items/first").body == "first");
  // Wait until the server has dropped the idle connection; the client does not know yet.
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (ts.server->connections() != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  REQUIRE(ts.server->connections() == 0);
  auto again = client.request(Method::kPost, "/t/echo", {}, "after reconnect");
  CHECK(again.status == 200);
  CHECK(again.json()["body"] == "after reconnect");
}

TEST_CASE("client opens a new connection after Connection: close", "[client]") {
  HttpTestServer ts;
  Client client("127.0.0.1", ts.port());
  CHECK(client.get("/t/close").body == "bye");
  CHECK(client.get("/t/hello").body == "hello world");
}

TEST_CASE("client keeps one connection for consecutive requests", "[client]") {
  HttpTestServer ts;
  Client client("127.0.0.1", ts.port());
  for (int i = 0; i < 5; ++i) CHECK(client.get("/t/items/" + std::to_string(i)).body == std::to_string(i));
  CHECK(ts.server->connections() == 1);
}

TEST_CASE("client sends JSON and reads headers", "[client]") {
  HttpTestServer ts;
  auto client = Client::from_url("http://127.0.0.1:" + std::to_string(ts.port()));
  auto res = client.post_json("/t/echo", {{"name", "cove"}});
  CHECK(res.status == 200);
  CHECK(res.headers.get("Content-Type").value_or("").starts_with("application/json"));
  CHECK(nlohmann::json::parse(res.json()["body"].get<std::string>())["name"] == "cove");
}

TEST_CASE("client HEAD returns headers without waiting for a body", "[client]") {
  HttpTestServer ts;
  ClientOptions options;
  options.timeout = std::chrono::seconds(5);
  Client client("127.0.0.1", ts.port(), options);
  auto head = client.request(Method::kHead, "/t/hello");
  CHECK(head.status == 200);
  CHECK(head.headers.get("Content-Length") == "11");
  CHECK(head.body.empty());
  CHECK(client.get("/t/hello").body == "hello world");
}

TEST_CASE("client streams a file upload with progress", "[client]") {
  HttpTestServer ts;
  cove::test::TempDir dir("cove-client");
  const auto file = write_file(dir, "upload.bin", 3 * 1024 * 1024 + 17);
  Client client("127.0.0.1", ts.port());
  std::vector<std::uint64_t> seen;
  std::uint64_t total = 0;
  auto res =
      client.upload_file(Method::kPut, "/t/upload", {}, file, [&](std::uint64_t sent, std::uint64_t of) {
        seen.push_back(sent);
        total = of;
      });
  REQUIRE(res.status == 200);
  CHECK(res.json()["sha256"] == cove::core::crypto::sha256_file_hex(file));
  CHECK(res.json()["size"] == std::filesystem::file_size(file));
  REQUIRE(seen.size() > 1);
  CHECK(std::is_sorted(seen.begin(), seen.end()));
  CHECK(seen.back() == std::filesystem::file_size(file));
  CHECK(total == std::filesystem::file_size(file));

  SECTION("a refused upload returns the server's answer") {
    auto refused = client.upload_file(Method::kPut, "/t/upload-small", {}, file);
    CHECK(refused.status == 413);
    CHECK(refused.json()["code"] == "payload_too_large");
  }
}

TEST_CASE("client reports network failures as runtime_error", "[client]") {
  std::uint16_t closed_port = 0;
  {
    HttpTestServer ts;
    closed_port = ts.port();
  }
  SECTION("connection refused") {
    Client client("127.0.0.1", closed_port);
    CHECK_THROWS_WITH(client.get("/t/hello"), Catch::Contains("cannot connect"));
  }
  SECTION("timeout, then a fresh connection works") {
    HttpTestServer ts;
    ClientOptions options;
    options.timeout = std::chrono::seconds(1);
    Client client("127.0.0.1", ts.port(), options);
    CHECK_THROWS_AS(client.get("/t/sleep?ms=2500"), std::runtime_error);
    CHECK(client.get("/t/hello").body == "hello world");
  }
}

TEST_CASE("client does not resend a request that timed out", "[client]") {
  HttpTestServer ts;
  ClientOptions options;
  options.timeout = std::chrono::seconds(1);
  Client client("127.0.0.1", ts.port(), options);
  REQUIRE(client.get("/t/hello").status == 200);  // the connection is now a kept-alive one
  // A resend would reach the handler while the client waits for it to time out again.
  CHECK_THROWS_AS(client.get("/t/sleep?ms=1500"), std::runtime_error);
  CHECK(ts.sleep_started == 1);
}

TEST_CASE("client parses base URLs", "[client]") {
  CHECK_NOTHROW(Client::from_url("http://127.0.0.1:8080"));
  CHECK_NOTHROW(Client::from_url("https://example.com/"));
  CHECK_NOTHROW(Client::from_url("http://[::1]:9000"));
  CHECK_THROWS_AS(Client::from_url("ftp://example.com"), std::invalid_argument);
  CHECK_THROWS_AS(Client::from_url("http://example.com/api"), std::invalid_argument);
  CHECK_THROWS_AS(Client::from_url("http://example.com:99999"), std::invalid_argument);
  CHECK_THROWS_AS(Client::from_url("http://:80"), std::invalid_argument);
}
