// Streamed request bodies: written to a temp file in the upload directory while hashed, with
// memory that does not grow with the body, and removed after the response unless moved.
#include <catch2/catch.hpp>

#include <fstream>

#include "api/server_fixture.hpp"
#include "core/crypto.hpp"
#include "support/process.hpp"
#include "support/raw_socket.hpp"

using namespace std::chrono_literals;
using cove::test::HttpTestServer;
using cove::test::raw_request;
using cove::test::RawSocket;

namespace {

// Deterministic bytes, generated as they are sent, so the test holds only one chunk.
class BodyGenerator {
 public:
  void fill(std::string& chunk) {
    for (auto& c : chunk) {
      state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
      c = static_cast<char>(state_ >> 56);
    }
  }

 private:
  std::uint64_t state_ = 42;
};

nlohmann::json put_upload(std::uint16_t port, std::string_view target, std::string_view body) {
  RawSocket s(port);
  REQUIRE(s.send(raw_request("PUT", target, "", body)));
  auto res = s.read_response();
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return nlohmann::json::parse(res->body);
}

// The session removes the temp file just after writing the response, so the client can get
// there first: allow it a moment.
bool becomes_empty(const std::filesystem::path& dir) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!std::filesystem::is_empty(dir)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

}  // namespace

TEST_CASE("server streams a 200 MB upload to disk with flat memory", "[server]") {
  HttpTestServer ts;
  // Warm-up: the first upload allocates the session's buffers and the threads' malloc arenas.
  put_upload(ts.port(), "/t/upload", std::string(256 * 1024, 'w'));

  constexpr std::uint64_t kSize = 200ull * 1024 * 1024;
  const long before = cove::test::resident_set_bytes();
  REQUIRE(before > 0);
  long peak = before;

  RawSocket s(ts.port());
  REQUIRE(
      s.send("PUT /t/upload HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(kSize) + "\r\n\r\n"));
  cove::core::crypto::Sha256 expected;
  BodyGenerator generator;
  std::string chunk(64 * 1024, '\0');
  for (std::uint64_t sent = 0; sent < kSize; sent += chunk.size()) {
    generator.fill(chunk);
    expected.update(chunk.data(), chunk.size());
    REQUIRE(s.send(chunk));
    if (sent % (8 * 1024 * 1024) == 0) peak = std::max(peak, cove::test::resident_set_bytes());
  }
  auto res = s.read_response(120s);
  peak = std::max(peak, cove::test::resident_set_bytes());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const auto json = nlohmann::json::parse(res->body);
  CHECK(json["sha256"] == expected.finish_hex());
  CHECK(json["size"] == kSize);
  CHECK(json["exists"] == true);
  CHECK(std::filesystem::path(json["dir"].get<std::string>()) == ts.upload_dir());

  const long growth = peak - before;
  INFO("RSS growth during the upload: " << growth / 1024 << " KiB");
  CHECK(growth < 16l * 1024 * 1024);
  CHECK(becomes_empty(ts.upload_dir()));
}

TEST_CASE("server hashes small and empty streamed bodies, and chunked ones", "[server]") {
  HttpTestServer ts;
  SECTION("small") {
    const auto json = put_upload(ts.port(), "/t/upload", "hello");
    CHECK(json["sha256"] == cove::core::crypto::sha256_hex("hello"));
    CHECK(json["size"] == 5);
  }
  SECTION("empty: the handler still gets a file") {
    RawSocket s(ts.port());
    REQUIRE(s.send("PUT /t/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
    auto res = s.read_response();
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto json = nlohmann::json::parse(res->body);
    CHECK(json["sha256"] == cove::core::crypto::sha256_hex(""));
    CHECK(json["size"] == 0);
  }
  SECTION("chunked") {
    RawSocket s(ts.port());
    REQUIRE(
        s.send("PUT /t/upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
               "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"));
    auto res = s.read_response();
    REQUIRE(res);
    REQUIRE(res->status == 200);
    CHECK(nlohmann::json::parse(res->body)["sha256"] == cove::core::crypto::sha256_hex("abcdefg"));
  }
  CHECK(becomes_empty(ts.upload_dir()));
}

TEST_CASE("server leaves an upload a handler moved away", "[server]") {
  HttpTestServer ts;
  const auto json = put_upload(ts.port(), "/t/upload-keep", "keep me");
  CHECK(json["size"] == 7);
  REQUIRE(std::filesystem::exists(ts.kept_path()));
  std::ifstream kept(ts.kept_path());
  std::string content((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>());
  CHECK(content == "keep me");
  CHECK(std::filesystem::is_empty(ts.upload_dir()));
}
