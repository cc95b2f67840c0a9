// A full disk, for real: the data directory on a small tmpfs filled to the last page. Writes and
// uploads answer 507 storage_full with Retry-After (not 500 internal_error), /readyz says why it
// is not ready, reads go on, nothing is half-written (operation log and outbox agree), and all
// of it recovers once space is freed.
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/audit_log.hpp"

using namespace cove;
using cove::http::Method;

namespace {

// A tmpfs of `bytes` mounted on a fresh directory, unmounted on destruction. Mounting needs
// CAP_SYS_ADMIN (root, as in CI); ok() tells whether it worked.
class SmallDisk {
 public:
  explicit SmallDisk(std::uint64_t bytes) : dir_(test::make_temp_dir("cove-small-disk")) {
    const auto options = fmt::format("size={},mode=0700", bytes);
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    if (!mounted_) error_ = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool ok() const { return mounted_; }
  const std::string& error() const { return error_; }
  const std::filesystem::path& path() const { return dir_; }

  // Writes a file until the file system refuses another byte.
  void fill() {
    const int fd = ::open((dir_ / "filler").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    const std::string chunk(64 * 1024, 'x');
    for (std::size_t size : {chunk.size(), std::size_t{4096}, std::size_t{512}, std::size_t{1}}) {
      ssize_t written = 0;
      while ((written = ::write(fd, chunk.data(), size)) > 0) {
      }
      REQUIRE(written < 0);
      REQUIRE(errno == ENOSPC);
    }
    ::close(fd);
  }
  void free_space() { std::filesystem::remove(dir_ / "filler"); }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string error_;
};

// Polls until GET /readyz answers `status` (the free-space probe refreshes once a second).
http::ClientResponse await_readiness(test::World& w, int status) {
  http::ClientResponse r;
  for (int i = 0; i < 50; ++i) {
    r = w.server.client().request(Method::kGet, "/readyz", {});
    if (r.status == status) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return r;
}

}  // namespace

TEST_CASE("a full disk is answered 507 storage_full and recovers when space is freed",
          "[api][server][storage]") {
  SmallDisk disk(48ull * 1024 * 1024);
  if (!disk.ok()) {
    WARN("cannot mount a tmpfs here (" << disk.error() << "); the full-disk test needs root");
    return;
  }
  test::World w = test::given({.data_dir = disk.path() / "data"}) | test::org("A").owner() |
                  test::app("Weather").uploaded("1.0.0");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  REQUIRE(await_readiness(w, 200).status == 200);

  disk.fill();

  // Readiness reports it with the reason (free space under data.minFreeMegabytes).
  const auto not_ready = await_readiness(w, 503);
  INFO(not_ready.body);
  REQUIRE(not_ready.status == 503);
  CHECK(not_ready.json()["status"] == "not_ready");
  CHECK(not_ready.json()["reason"].get<std::string>().find("free") != std::string::npos);

  // An upload cannot be stored: 507 with the error shape and Retry-After, no 500.
  const auto upload = test::upload(w, app, "1.1.0", a.owner().token, test::package(w, "1.1.0"));
  INFO(upload.body);
  CHECK(upload.status == 507);
  CHECK(upload.json()["code"] == "storage_full");
  CHECK(upload.headers.get("Retry-After") == "60");

  // Database writes: edits succeed while the WAL has room, then fail with 507 — never a 500.
  int accepted = 0;
  int full = 0;
  for (int i = 0; i < 2000 && full == 0; ++i) {
    const auto r = w.call(Method::kPatch, "/api/v1/apps/" + app, a.owner().token,
                          {{"description", fmt::format("{} {}", i, std::string(4000, 'd'))}});
    INFO(r.body);
    REQUIRE((r.status == 200 || r.status == 507));
    if (r.status == 200) ++accepted;
    if (r.status == 507) {
      ++full;
      CHECK(r.json()["code"] == "storage_full");
      CHECK(r.headers.get("Retry-After") == "60");
    }
  }
  REQUIRE(full == 1);
  // Reads go on.
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.owner().token).status == 200);
  const auto metrics = w.server.client().request(Method::kGet, "/metrics", {});
  CHECK(metrics.body.find("cove_data_free_bytes") != std::string::npos);

  disk.free_space();
  REQUIRE(await_readiness(w, 200).status == 200);
  const auto edit =
      w.call(Method::kPatch, "/api/v1/apps/" + app, a.owner().token, {{"description", "After"}});
  CHECK(edit.status == 200);
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + app, a.owner().token).json()["description"] == "After");
  CHECK(test::upload(w, app, "1.1.0", a.owner().token, test::package(w, "1.1.0")).status == 201);

  // Every acknowledged edit has its operation-log entry and its event, and nothing else does.
  CHECK(w.audit_count("app.updated", app) == accepted + 1);
  CHECK(w.event_count("app.updated") == accepted + 1);
  CHECK(core::AuditLog::verify(w.server.app().db()).ok);
}
