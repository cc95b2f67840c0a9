#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/db.hpp"
#include "core/migrate.hpp"
#include "support/temp_dir.hpp"

using cove::core::apply_migrations;
using cove::core::Conn;
using cove::core::Db;
using cove::core::DbOptions;
using cove::core::EmbeddedFile;
using cove::core::MigrationError;
using cove::core::migrations_current;

namespace {

constexpr std::string_view kFirst = "CREATE TABLE widgets(id INTEGER PRIMARY KEY, name TEXT) STRICT;";
constexpr std::string_view kSecond = "ALTER TABLE widgets ADD COLUMN colour TEXT;";

EmbeddedFile file(std::string_view name, std::string_view sql) { return {name, sql, {}, {}}; }

std::unique_ptr<Db> open_db(const cove::test::TempDir& dir) {
  DbOptions o;
  o.path = dir / "cove.db";
  return std::make_unique<Db>(o);
}

std::string error_of(Db& db, const std::vector<EmbeddedFile>& files) {
  try {
    apply_migrations(db, files);
  } catch (const MigrationError& e) {
    return e.what();
  }
  return "";
}

bool table_exists(Db& db, const std::string& name) {
  return db.read([&](Conn& c) {
    auto& s = c.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?");
    s.bind(1, name);
    s.executeStep();
    return s.getColumn(0).getInt() == 1;
  });
}

}  // namespace

TEST_CASE("migrate: pending migrations are applied once, in order, and recorded", "[core][migrate]") {
  cove::test::TempDir dir;
  auto db = open_db(dir);
  // Out of order on purpose: they are applied by name.
  const std::vector<EmbeddedFile> files = {file("0002_test_colour.sql", kSecond),
                                           file("0001_test_widgets.sql", kFirst)};
  CHECK_FALSE(migrations_current(*db, files));

  const auto first = apply_migrations(*db, files);
  CHECK(first.applied_now == std::vector<std::string>{"0001_test_widgets.sql", "0002_test_colour.sql"});
  CHECK(first.total == 2);
  CHECK(migrations_current(*db, files));

  const auto again = apply_migrations(*db, files);
  CHECK(again.applied_now.empty());
  db->read([](Conn& c) {
    CHECK(c.query_int("SELECT count(*) FROM schema_migrations") == 2);
    CHECK(c.query_int("SELECT count(*) FROM schema_migrations WHERE length(checksum) = 64 AND "
                      "applied_at LIKE '____-__-__T__:__:__.___Z'") == 2);
    CHECK(c.query_int("SELECT count(*) FROM pragma_table_info('widgets') WHERE name = 'colour'") == 1);
  });

  // A later binary adds a migration: only that one runs.
  const std::vector<EmbeddedFile> more = {
      files[1], files[0], file("0003_test_index.sql", "CREATE INDEX w_name ON widgets(name);")};
  CHECK_FALSE(migrations_current(*db, more));
  CHECK(apply_migrations(*db, more).applied_now == std::vector<std::string>{"0003_test_index.sql"});
}

TEST_CASE("migrate: the embedded migrations apply cleanly", "[core][migrate]") {
  cove::test::TempDir dir;
  auto db = open_db(dir);
  const auto files = cove::embedded_migrations::files();
  REQUIRE(files.size() >= 3);
  const auto status = apply_migrations(*db, files);
  CHECK(status.applied_now.size() == files.size());
  CHECK(migrations_current(*db, files));
  CHECK(table_exists(*db, "outbox"));
  CHECK(table_exists(*db, "audit_log"));
  CHECK(table_exists(*db, "idempotency_keys"));
}

TEST_CASE("migrate: an applied migration whose text changed stops start-up", "[core][migrate]") {
  cove::test::TempDir dir;
  auto db = open_db(dir);
  apply_migrations(*db, std::vector<EmbeddedFile>{file("0001_test_widgets.sql", kFirst)});

  const std::string edited = std::string(kFirst) + " -- tweak";
  const std::vector<EmbeddedFile> changed = {file("0001_test_widgets.sql", edited),
                                             file("0002_test_colour.sql", kSecond)};
  const auto message = error_of(*db, changed);
  CHECK_THAT(message,
             Catch::Contains("0001_test_widgets.sql") && Catch::Contains("edited after being applied"));
  CHECK_FALSE(migrations_current(*db, changed));
  // Nothing else ran either.
  db->read([](Conn& c) { CHECK(c.query_int("SELECT count(*) FROM schema_migrations") == 1); });
}

TEST_CASE("migrate: a database migrated by a newer binary is refused", "[core][migrate]") {
  cove::test::TempDir dir;
  auto db = open_db(dir);
  apply_migrations(*db, std::vector<EmbeddedFile>{file("0001_test_widgets.sql", kFirst),
                                                  file("0002_test_colour.sql", kSecond)});
  const auto message = error_of(*db, std::vector<EmbeddedFile>{file("0001_test_widgets.sql", kFirst)});
  CHECK_THAT(message, Catch::Contains("0002_test_colour.sql") &&
                          Catch::Contains("data directory was used by a newer Cove"));
}

TEST_CASE("migrate: malformed or duplicate names are rejected before anything runs", "[core][migrate]") {
  cove::test::TempDir dir;
  auto db = open_db(dir);
  for (const char* name :
       {"1_test_widgets.sql", "0001_Test_widgets.sql", "0001_test.sql", "0001_test_widgets.SQL",
        "0001_test_wid-gets.sql", "00001_test_x.sql", "0001__widgets.sql", "sub/0001_test_widgets.sql"}) {
    INFO(name);
    CHECK_THAT(error_of(*db, {file(name, kFirst)}), Catch::Contains(name));
  }
  CHECK_THAT(error_of(*db, {file("0001_test_widgets.sql", kFirst), file("0001_test_other.sql", kSecond)}),
             Catch::Contains("same number"));
  CHECK_FALSE(table_exists(*db, "widgets"));
}

TEST_CASE("migrate: a failing migration rolls back the whole upgrade", "[core][migrate]") {
  cove::test::TempDir dir;
  auto db = open_db(dir);
  const auto message = error_of(
      *db, {file("0001_test_widgets.sql", kFirst), file("0002_test_broken.sql", "CREATE TABLE oops(")});
  CHECK_THAT(message, Catch::Contains("0002_test_broken.sql"));
  CHECK_FALSE(table_exists(*db, "widgets"));
  CHECK_THAT(error_of(*db, {file("0001_test_commit.sql", "CREATE TABLE t(x); COMMIT;")}),
             Catch::Contains("BEGIN/COMMIT"));
}
