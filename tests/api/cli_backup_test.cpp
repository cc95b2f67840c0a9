// `cove backup` and `cove restore` through the real binary: a backup taken while the server runs
// restores into a working data directory, and bad archives never touch the target.
#include <zip.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "core/audit_log.hpp"
#include "core/blob_store.hpp"
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

void record_audit_entry(const fs::path& data_dir, const std::string& target_id) {
  cove::core::DbOptions options;
  options.path = data_dir / "cove.db";
  options.readers = 1;
  cove::core::Db db(options);
  cove::core::SystemClock clock;
  cove::core::AuditLog audit(clock);
  cove::core::AuditEntry entry;
  entry.action = "test.recorded";
  entry.target_type = "test";
  entry.target_id = target_id;
  db.write([&](cove::core::Tx& tx) { audit.record(tx, cove::core::Actor::system("cli-test"), entry); });
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Opens `archive` for modification, lets `edit` change it, and writes it back.
void edit_archive(const fs::path& archive, const std::function<void(zip_t*)>& edit) {
  int error = 0;
  zip_t* za = zip_open(archive.c_str(), 0, &error);
  REQUIRE(za != nullptr);
  edit(za);
  REQUIRE(zip_close(za) == 0);
}

void add_text(zip_t* za, const char* name, const std::string& text) {
  // libzip copies nothing until zip_close, so the bytes must outlive it: keep them static.
  static std::vector<std::unique_ptr<std::string>> keep;
  keep.push_back(std::make_unique<std::string>(text));
  zip_source_t* src = zip_source_buffer(za, keep.back()->data(), keep.back()->size(), 0);
  REQUIRE(zip_file_add(za, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) >= 0);
}

nlohmann::json manifest_of(const fs::path& archive) {
  int error = 0;
  zip_t* za = zip_open(archive.c_str(), ZIP_RDONLY, &error);
  REQUIRE(za != nullptr);
  zip_stat_t st;
  REQUIRE(zip_stat(za, "backup.json", 0, &st) == 0);
  std::string text(st.size, '\0');
  zip_file_t* f = zip_fopen(za, "backup.json", 0);
  REQUIRE(zip_fread(f, text.data(), st.size) == static_cast<zip_int64_t>(st.size));
  zip_fclose(f);
  zip_discard(za);
  return nlohmann::json::parse(text);
}

bool archive_has(const fs::path& archive, const std::string& name) {
  int error = 0;
  zip_t* za = zip_open(archive.c_str(), ZIP_RDONLY, &error);
  REQUIRE(za != nullptr);
  const bool found = zip_name_locate(za, name.c_str(), 0) >= 0;
  zip_discard(za);
  return found;
}

std::vector<std::string> leftovers(const fs::path& dir, const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().find(needle) != std::string::npos) found.push_back(e.path().string());
  }
  return found;
}

}  // namespace

TEST_CASE("a backup taken while serving restores into a working data directory", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path live = tmp / "live";
  CoveServer server(live);
  const auto blob = cove::core::BlobStore(live / "blobs").put("a mini-program package");
  record_audit_entry(live, "before-backup");

  const fs::path archive = tmp / "backup.zip";
  const auto backup = run_cove({"backup", archive.string(), "--data", live.string()});
  REQUIRE(backup.exit_code == 0);
  CHECK_THAT(backup.out, Catch::Contains("contains secrets"));
  CHECK(file_mode(archive) == 0600);
  CHECK_FALSE(fs::exists(archive.string() + ".tmp"));
  CHECK(leftovers(tmp.path(), ".cove-backup-").empty());

  const auto manifest = manifest_of(archive);
  CHECK(manifest["format"] == "cove-backup");
  CHECK(manifest["formatVersion"] == 1);
  CHECK(manifest["blobCount"] == 1);
  CHECK(archive_has(archive, "cove.db"));
  CHECK(archive_has(archive, "blobs/sha256/" + blob.sha256.substr(0, 2) + "/" + blob.sha256.substr(2, 2) +
                                 "/" + blob.sha256));
  for (const auto& secret : fs::directory_iterator(live / "secrets")) {
    CHECK(archive_has(archive, "secrets/" + secret.path().filename().string()));
  }
  REQUIRE(server.stop().exit_code == 0);

  const fs::path restored = tmp / "restored";
  const auto restore = run_cove({"restore", archive.string(), "--data", restored.string()});
  REQUIRE(restore.exit_code == 0);
  CHECK(leftovers(tmp.path(), ".restore-").empty());
  for (const char* table : {"schema_migrations", "audit_log"}) {
    INFO(table);
    CHECK(count_rows(restored / "cove.db", table) == count_rows(live / "cove.db", table));
  }
  CHECK(cove::core::BlobStore(restored / "blobs").read(blob.sha256) == "a mini-program package");
  CHECK(file_mode(restored) == 0700);
  CHECK(file_mode(restored / "secrets") == 0700);
  for (const auto& secret : fs::directory_iterator(live / "secrets")) {
    const fs::path copy = restored / "secrets" / secret.path().filename();
    CHECK(read_file(copy) == read_file(secret.path()));
    CHECK(file_mode(copy) == 0600);
  }

  CoveServer again(restored);
  CHECK(cove::http::Client::from_url(again.url()).get("/readyz").status == 200);
  CHECK(again.stop().exit_code == 0);
  CHECK(run_cove({"audit", "verify", "--data", restored.string()}).exit_code == 0);
}

TEST_CASE("restore replaces a non-empty data directory only with --force, keeping it aside", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path source = tmp / "source", target = tmp / "target";
  REQUIRE(run_cove({"migrate", "--data", source.string()}).exit_code == 0);
  const fs::path archive = tmp / "source.zip";
  REQUIRE(run_cove({"backup", archive.string(), "--data", source.string()}).exit_code == 0);

  REQUIRE(run_cove({"migrate", "--data", target.string()}).exit_code == 0);
  record_audit_entry(target, "target-only");
  const auto refused = run_cove({"restore", archive.string(), "--data", target.string()});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.err, Catch::Contains("is not empty; pass --force"));
  CHECK(count_rows(target / "cove.db", "audit_log") == 1);

  const auto forced = run_cove({"restore", archive.string(), "--data", target.string(), "--force"});
  REQUIRE(forced.exit_code == 0);
  CHECK(count_rows(target / "cove.db", "audit_log") == 0);
  const auto aside = leftovers(tmp.path(), "target.before-restore-");
  REQUIRE(aside.size() == 1);
  CHECK(count_rows(fs::path(aside.front()) / "cove.db", "audit_log") == 1);

  const fs::path other = tmp / "other";
  fs::create_directory(other);
  std::ofstream(other / "notes.txt") << "not cove's";
  const auto foreign = run_cove({"restore", archive.string(), "--data", other.string(), "--force"});
  CHECK(foreign.exit_code == 1);
  CHECK_THAT(foreign.err, Catch::Contains("does not look like a cove data directory"));
  CHECK(fs::exists(other / "notes.txt"));
}

TEST_CASE("tampered archives are rejected and the target is left untouched", "[cli]") {
  TempDir tmp("cove-cli");
  const fs::path source = tmp / "source";
  REQUIRE(run_cove({"migrate", "--data", source.string()}).exit_code == 0);
  const auto blob = cove::core::BlobStore(source / "blobs").put("package bytes");
  const std::string blob_entry =
      "blobs/sha256/" + blob.sha256.substr(0, 2) + "/" + blob.sha256.substr(2, 2) + "/" + blob.sha256;
  const fs::path good = tmp / "good.zip";
  REQUIRE(run_cove({"backup", good.string(), "--data", source.string()}).exit_code == 0);

  const fs::path existing = tmp / "existing";
  REQUIRE(run_cove({"migrate", "--data", existing.string()}).exit_code == 0);
  record_audit_entry(existing, "must-survive");
  const std::string existing_db = read_file(existing / "cove.db");

  struct Tamper {
    const char* name;
    std::function<void(zip_t*)> edit;
    const char* message;
  };
  const std::vector<Tamper> cases = {
      {"parent-directory entry", [](zip_t* za) { add_text(za, "../evil.txt", "x"); },
       "unexpected entry \"../evil.txt\""},
      {"absolute entry", [](zip_t* za) { add_text(za, "/tmp/evil.txt", "x"); },
       "unexpected entry \"/tmp/evil.txt\""},
      {"blob not matching its name", [&](zip_t* za) { add_text(za, blob_entry.c_str(), "other bytes"); },
       "does not match its hash"},
      {"database replaced", [](zip_t* za) { add_text(za, "cove.db", "not a database"); },
       "cove.db does not match the manifest"},
      {"manifest removed",
       [](zip_t* za) { zip_delete(za, static_cast<zip_uint64_t>(zip_name_locate(za, "backup.json", 0))); },
       "no backup.json"},
      {"extra secret not in the manifest", [](zip_t* za) { add_text(za, "secrets/extra.key", "k"); },
       "the manifest lists"},
  };
  for (const auto& tamper : cases) {
    INFO(tamper.name);
    const fs::path bad = tmp / "bad.zip";
    fs::copy_file(good, bad, fs::copy_options::overwrite_existing);
    edit_archive(bad, tamper.edit);

    const fs::path fresh = tmp / "fresh";
    const auto into_fresh = run_cove({"restore", bad.string(), "--data", fresh.string()});
    CHECK(into_fresh.exit_code == 1);
    CHECK_THAT(into_fresh.err, Catch::Contains(tamper.message));
    CHECK_FALSE(fs::exists(fresh));

    const auto into_existing = run_cove({"restore", bad.string(), "--data", existing.string(), "--force"});
    CHECK(into_existing.exit_code == 1);
    CHECK(read_file(existing / "cove.db") == existing_db);

    CHECK(leftovers(tmp.path(), ".restore-").empty());
    CHECK(leftovers(tmp.path(), "before-restore").empty());
    CHECK_FALSE(fs::exists(tmp.path().parent_path() / "evil.txt"));
  }

  std::ofstream(tmp / "not-a.zip") << "plain text";
  const auto garbage =
      run_cove({"restore", (tmp / "not-a.zip").string(), "--data", (tmp / "fresh").string()});
  CHECK(garbage.exit_code == 1);
  CHECK_THAT(garbage.err, Catch::Contains("cannot open backup archive"));
}
