// The `cove` binary as an operator uses it: help and usage errors, configuration errors, the
// serve lifecycle (first start, SIGTERM), the data-directory lock, migrate and audit verify.
#include <signal.h>
#include <sys/mount.h>

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "core/audit_log.hpp"
#include "http/client.hpp"
#include "support/cove_binary.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using cove::test::count_rows;
using cove::test::CoveServer;
using cove::test::file_mode;
using cove::test::run_cove;
using cove::test::TempDir;

namespace {

std::string project_version() {
  std::ifstream in(fs::path(COVE_SOURCE_DIR) / "CMakeLists.txt");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::smatch m;
  REQUIRE(std::regex_search(text, m, std::regex(R"(project\(cove VERSION ([0-9.]+))")));
  return m[1];
}

void record_audit_entries(const fs::path& data_dir, int count) {
  cove::core::DbOptions options;
  options.path = data_dir / "cove.db";
  options.readers = 1;
  cove::core::Db db(options);
  cove::core::SystemClock clock;
  cove::core::AuditLog audit(clock);
  for (int i = 0; i < count; ++i) {
    cove::core::AuditEntry entry;
    entry.action = "test.recorded";
    entry.target_type = "test";
    entry.target_id = std::to_string(i);
    db.write([&](cove::core::Tx& tx) { audit.record(tx, cove::core::Actor::system("cli-test"), entry); });
  }
}

}  // namespace

TEST_CASE("cove version prints the project version", "[cli]") {
  const auto r = run_cove({"version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("cove " + project_version() + "\n"));
  CHECK(run_cove({"--version"}).out == r.out);
}

TEST_CASE("cove help lists the commands and each command's --help lists its flags", "[cli]") {
  const auto overview = run_cove({"help"});
  CHECK(overview.exit_code == 0);
  for (const char* command : {"serve", "migrate", "backup", "restore", "audit", "version"}) {
    CHECK_THAT(overview.out, Catch::Contains(std::string("  ") + command));
  }
  CHECK(run_cove({"--help"}).out == overview.out);

  const auto serve = run_cove({"serve", "--help"});
  CHECK(serve.exit_code == 0);
  for (const char* flag : {"--listen HOST:PORT", "--data DIR", "--config FILE", "--help"}) {
    CHECK_THAT(serve.out, Catch::Contains(flag));
  }
  CHECK(run_cove({"help", "serve"}).out == serve.out);
  CHECK_THAT(run_cove({"backup", "--help"}).out, Catch::Contains("0600") && Catch::Contains("secrets"));
  CHECK_THAT(run_cove({"restore", "-h"}).out, Catch::Contains("--force"));
  CHECK_THAT(run_cove({"audit", "--help"}).out, Catch::Contains("Usage: cove audit verify"));
}

TEST_CASE("usage mistakes print usage on stderr and exit 2", "[cli]") {
  const auto unknown = run_cove({"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err,
             Catch::Contains("unknown command \"frobnicate\"") && Catch::Contains("Usage: cove"));
  CHECK(unknown.out.empty());

  const auto bad_flag = run_cove({"serve", "--bogus"});
  CHECK(bad_flag.exit_code == 2);
  CHECK_THAT(bad_flag.err, Catch::Contains("unknown flag --bogus") && Catch::Contains("Usage: cove serve"));

  CHECK(run_cove({}).exit_code == 2);
  CHECK_THAT(run_cove({"backup"}).err, Catch::Contains("missing argument FILE"));
  CHECK(run_cove({"migrate", "--data"}).exit_code == 2);
  CHECK(run_cove({"restore", "a.zip", "--force=yes"}).exit_code == 2);
  CHECK(run_cove({"audit", "repair"}).exit_code == 2);
}

TEST_CASE("configuration errors exit 1 with one line naming the key or variable", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path config = tmp / "cove.json";
  std::ofstream(config) << "{\n  // typo below\n  \"http\": {\"theads\": 2}\n}\n";
  const auto r = run_cove({"serve", "--config", config.string(), "--data", (tmp / "data").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "cove serve: unknown configuration key \"http.theads\" in " + config.string() + "\n");
  CHECK_FALSE(fs::exists(tmp / "data"));  // nothing was started

  const auto env = run_cove({"migrate", "--data", (tmp / "data").string()}, {{"COVE_HTTP_THREADS", "lots"}});
  CHECK(env.exit_code == 1);
  CHECK_THAT(env.err, Catch::Contains("COVE_HTTP_THREADS") && Catch::Contains("not an integer"));

  const auto listen = run_cove({"serve", "--listen", "localhost", "--data", (tmp / "data").string()});
  CHECK(listen.exit_code == 1);
  CHECK_THAT(listen.err, Catch::Contains("http.listen") && Catch::Contains("HOST:PORT"));

  // COVE_CONFIG stands in for --config.
  const auto via_env =
      run_cove({"migrate", "--data", (tmp / "data").string()}, {{"COVE_CONFIG", config.string()}});
  CHECK(via_env.exit_code == 1);
  CHECK_THAT(via_env.err, Catch::Contains("\"http.theads\""));
}

TEST_CASE("first serve creates a private data directory; SIGTERM exits 0", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path data = tmp / "data";
  CoveServer server(data);
  CHECK(cove::http::Client::from_url(server.url()).get("/readyz").status == 200);

  CHECK(file_mode(data) == 0700);
  CHECK(file_mode(data / "secrets") == 0700);
  CHECK(fs::is_regular_file(data / "cove.db"));
  std::size_t secrets = 0;
  for (const auto& entry : fs::directory_iterator(data / "secrets")) {
    INFO(entry.path());
    CHECK(file_mode(entry.path()) == 0600);
    ++secrets;
  }
  CHECK(secrets > 0);

  const auto r = server.stop();
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("cove stopped"));
}

TEST_CASE("a running server's data directory is refused to serve, migrate and restore", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path data = tmp / "data";
  CoveServer server(data);
  const std::string dir = data.string();

  const auto second = run_cove({"serve", "--listen", "127.0.0.1:0", "--data", dir});
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.err, Catch::Contains("data directory " + dir + " is in use"));

  const auto migrate = run_cove({"migrate", "--data", dir});
  CHECK(migrate.exit_code == 1);
  CHECK_THAT(migrate.err, Catch::Contains("is in use"));

  const fs::path archive = tmp / "live.zip";
  REQUIRE(run_cove({"backup", archive.string(), "--data", dir}).exit_code == 0);
  const auto restore = run_cove({"restore", archive.string(), "--data", dir, "--force"});
  CHECK(restore.exit_code == 1);
  CHECK(restore.err == "cove restore: data directory " + dir +
                           " is in use by a running cove server; stop it before restoring\n");

  CHECK(server.stop().exit_code == 0);
}

TEST_CASE("migrate creates the database and is idempotent", "[cli]") {
  TempDir tmp("cove-cli");
  const std::string dir = (tmp / "data").string();
  const auto first = run_cove({"migrate", "--data", dir});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("applied 0001_"));
  const auto applied = count_rows(tmp / "data/cove.db", "schema_migrations");
  CHECK(applied > 0);

  const auto second = run_cove({"migrate", "--data", dir});
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.out, Catch::StartsWith("0 applied now"));
  CHECK(count_rows(tmp / "data/cove.db", "schema_migrations") == applied);
}

TEST_CASE("audit verify passes on an intact log and fails after a row is edited", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path data = tmp / "data";
  REQUIRE(run_cove({"migrate", "--data", data.string()}).exit_code == 0);
  const auto empty = run_cove({"audit", "verify", "--data", data.string()});
  CHECK(empty.exit_code == 0);
  CHECK_THAT(empty.out, Catch::Contains("operation log OK"));

  record_audit_entries(data, 3);
  const auto entries = count_rows(data / "cove.db", "audit_log");
  const auto ok = run_cove({"audit", "verify", "--data", data.string()});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "operation log OK: " + std::to_string(entries) + " entries verified\n");

  std::int64_t tampered = 0;
  {
    SQLite::Database db((data / "cove.db").string(), SQLite::OPEN_READWRITE);
    tampered = db.execAndGet("SELECT max(id) - 1 FROM audit_log").getInt64();
    db.exec("UPDATE audit_log SET action = 'test.rewritten' WHERE id = " + std::to_string(tampered));
  }
  const auto bad = run_cove({"audit", "verify", "--data", data.string()});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("FAILED at entry " + std::to_string(tampered)));

  const auto missing = run_cove({"audit", "verify", "--data", (tmp / "nowhere").string()});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("no database at"));
  CHECK_FALSE(fs::exists(tmp / "nowhere"));
}

// A read-only data directory (a mounted snapshot, a restored volume not yet writable): the tools
// that only read must work on it. A read-only bind mount refuses writes even to root.
TEST_CASE("audit verify and backup work on a read-only data directory", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path data = tmp / "data";
  REQUIRE(run_cove({"migrate", "--data", data.string()}).exit_code == 0);
  record_audit_entries(data, 3);
  const fs::path ro = tmp / "ro";
  fs::create_directories(ro);
  if (::mount(data.c_str(), ro.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    WARN("cannot bind-mount here (needs root); the read-only data directory test did not run");
    return;
  }
  struct Unmount {
    fs::path dir;
    ~Unmount() { ::umount2(dir.c_str(), MNT_DETACH); }
  } unmount{ro};
  REQUIRE(::mount(nullptr, ro.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0);
  REQUIRE_FALSE(std::ofstream(ro / "probe"));  // really read-only

  const auto verify = run_cove({"audit", "verify", "--data", ro.string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.out, Catch::Contains("operation log OK"));

  const auto archive = tmp / "snapshot.zip";
  const auto backup = run_cove({"backup", archive.string(), "--data", ro.string()});
  INFO(backup.err);
  CHECK(backup.exit_code == 0);
  const auto restored = tmp / "restored";
  CHECK(run_cove({"restore", archive.string(), "--data", restored.string()}).exit_code == 0);
  CHECK(count_rows(restored / "cove.db", "audit_log") == count_rows(data / "cove.db", "audit_log"));
}
