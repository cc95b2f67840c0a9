// `cove publish` as a CI job runs it: flag validation before any network use, retries of
// transient failures with one Idempotency-Key per step, no retry of a refusal, the SHA-256 check,
// progress lines in a log, and the one-line result on stdout.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/ranges.h>
#include <catch2/catch.hpp>
#include <fstream>

#include "core/crypto.hpp"
#include "publish_fake_server.hpp"
#include "support/cove_binary.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using cove::test::FakeAppsServer;
using cove::test::run_cove;
using cove::test::TempDir;

namespace {

const std::map<std::string, std::string> kToken = {{"COVE_TOKEN", "cove_sk_test0123456789"}};

fs::path write_package(const TempDir& dir, std::size_t size) {
  const auto path = dir / "dist.zip";
  std::ofstream out(path, std::ios::binary);
  for (std::size_t i = 0; i < size; ++i) out.put(static_cast<char>('A' + i % 23));
  return path;
}

std::string file_sha(const fs::path& path) { return cove::core::crypto::sha256_file_hex(path); }

std::vector<std::string> publish_args(const std::string& server, const fs::path& package,
                                      std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"publish",   "--server", server,      "--app",         "app_demo",
                                   "--version", "1.2.3",    "--package", package.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// A loopback port nothing listens on: bound, then closed.
std::uint16_t closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("cove publish checks its flags before touching the network", "[cli][publish]") {
  TempDir dir("cove-publish");
  const auto package = write_package(dir, 1000);
  const std::string server = "http://127.0.0.1:9";  // never contacted

  struct Case {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"publish", "--app", "a", "--version", "1.2.3", "--package", package.string()},
       kToken,
       "--server is required"},
      {publish_args("ftp://example.com", package), kToken, "--server"},
      {{"publish", "--server", server, "--version", "1.2.3", "--package", package.string()},
       kToken,
       "--app is required"},
      {publish_args(server, package, {"--version", "1.2"}), kToken, "is not a version"},
      {publish_args(server, package, {"--version", "v1.2.3"}), kToken, "is not a version"},
      {publish_args(server, package, {"--version", "1.2.3-rc.1"}), kToken, "is not a version"},
      {publish_args(server, dir / "missing.zip"), kToken, "is not a file"},
      {publish_args(server, dir.path()), kToken, "is not a file"},
      {publish_args(server, package), {}, "COVE_TOKEN is not set"},
      {publish_args(server, package, {"--notes", std::string(70 * 1024, 'n')}), kToken, "--notes"},
  };
  for (const auto& c : cases) {
    INFO(fmt::format("cove {}", fmt::join(c.args, " ")).substr(0, 300));
    const auto r = run_cove(c.args, c.env);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains(c.message));
    CHECK_THAT(r.err, Catch::Contains("Usage: cove publish"));
    CHECK(r.out.empty());
  }
  const auto help = run_cove({"help"});
  CHECK_THAT(help.out, Catch::Contains("publish"));
}

TEST_CASE("cove publish retries transient failures with one Idempotency-Key per step", "[cli][publish]") {
  TempDir dir("cove-publish");
  const auto package = write_package(dir, 1024 * 1024 + 5);
  FakeAppsServer fake({.upload_failures = 2, .failure_status = 503, .release_failures = 1});

  const auto r =
      run_cove(publish_args(fake.url(), package, {"--notes", "Fixes the login page", "--release"}), kToken);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == fmt::format("id=ver_fake1 version=1.2.3 sha256={} size={} status=released\n",
                             file_sha(package), 1024 * 1024 + 5));

  const auto uploads = fake.uploads();
  REQUIRE(uploads.size() == 3);
  for (const auto& u : uploads) {
    CHECK(u.idempotency_key == uploads.front().idempotency_key);
    CHECK(u.authorization == "Bearer cove_sk_test0123456789");
    CHECK(u.content_type == "application/zip");
  }
  CHECK_FALSE(uploads.front().idempotency_key.empty());

  const auto notes = fake.notes();
  REQUIRE(notes.size() == 1);
  CHECK(nlohmann::json::parse(notes.front().body) == nlohmann::json{{"changelog", "Fixes the login page"}});
  CHECK(notes.front().idempotency_key != uploads.front().idempotency_key);

  const auto releases = fake.releases();
  REQUIRE(releases.size() == 2);
  CHECK(releases[0].idempotency_key == releases[1].idempotency_key);
  CHECK(releases[0].idempotency_key != uploads.front().idempotency_key);
  CHECK(releases[0].idempotency_key != notes.front().idempotency_key);

  // The log says why each retry happened; progress (stderr is not a terminal) is one line per
  // 10 % step of each attempt that got its body out.
  CHECK(count(r.err, "upload: HTTP 503 unavailable; retrying") == 2);
  CHECK(count(r.err, "release: HTTP 429 unavailable; retrying") == 1);
  CHECK(count(r.err, "upload: 100%") == 3);
  CHECK(count(r.err, "upload:  50%") == 3);
  CHECK(r.err.find('\r') == std::string::npos);

  SECTION("a second run is a new request with new keys") {
    FakeAppsServer again({});
    REQUIRE(run_cove(publish_args(again.url(), package), kToken).exit_code == 0);
    CHECK(again.uploads().front().idempotency_key != uploads.front().idempotency_key);
    CHECK(again.releases().empty());
  }
}

TEST_CASE("cove publish does not retry a refusal and reports the server's message", "[cli][publish]") {
  TempDir dir("cove-publish");
  const auto package = write_package(dir, 4096);
  FakeAppsServer fake({.refuse_upload = 403});
  const auto r = run_cove(publish_args(fake.url(), package, {"--release"}), kToken);
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("The organisation's package quota is used up"));
  CHECK_THAT(r.err, Catch::Contains("apps.quota_exceeded"));
  CHECK_THAT(r.err, Catch::Contains("req-refused-42"));
  CHECK(fake.uploads().size() == 1);
  CHECK(fake.releases().empty());
}

TEST_CASE("cove publish gives up after a few attempts", "[cli][publish]") {
  TempDir dir("cove-publish");
  const auto package = write_package(dir, 4096);
  SECTION("the server keeps answering 504") {
    FakeAppsServer fake({.upload_failures = 100, .failure_status = 504});
    const auto r = run_cove(publish_args(fake.url(), package), kToken);
    CHECK(r.exit_code == 1);
    CHECK(fake.uploads().size() == 4);
    CHECK_THAT(r.err, Catch::Contains("HTTP 504"));
  }
  SECTION("nothing listens") {
    const auto r = run_cove(publish_args(fmt::format("http://127.0.0.1:{}", closed_port()), package), kToken);
    CHECK(r.exit_code == 1);
    CHECK(count(r.err, "retrying") == 3);
    CHECK_THAT(r.err, Catch::Contains("cannot connect"));
  }
}

TEST_CASE("cove publish refuses a package the server stored with another SHA-256", "[cli][publish]") {
  TempDir dir("cove-publish");
  const auto package = write_package(dir, 4096);
  FakeAppsServer fake({.wrong_sha = true});
  const auto r = run_cove(publish_args(fake.url(), package, {"--release"}), kToken);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("SHA-256"));
  CHECK_THAT(r.err, Catch::Contains(file_sha(package)));
  CHECK(fake.releases().empty());
}
