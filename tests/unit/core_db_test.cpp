#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include "core/db.hpp"
#include "support/temp_dir.hpp"

using cove::core::Conn;
using cove::core::Db;
using cove::core::DbOptions;
using cove::core::Tx;

namespace {

DbOptions options_for(const cove::test::TempDir& dir, int readers = 2) {
  DbOptions o;
  o.path = dir / "test.db";
  o.readers = readers;
  return o;
}

std::int64_t count_items(Db& db) {
  return db.read([](Conn& c) { return c.query_int("SELECT count(*) FROM items").value_or(-1); });
}

void create_items(Db& db) {
  db.write([](Tx& tx) { tx.exec("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL)"); });
}

}  // namespace

TEST_CASE("db: write and read helpers return values and use cached statements", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  create_items(db);

  const auto id = db.write([](Tx& tx) {
    auto& insert = tx.prepare("INSERT INTO items(name) VALUES (?)");
    insert.bind(1, "first");
    insert.exec();
    return tx.last_insert_rowid();
  });
  CHECK(id == 1);
  CHECK(count_items(db) == 1);

  db.read([](Conn& c) {
    auto& a = c.prepare("SELECT name FROM items WHERE id = ?");
    a.bind(1, 1);
    REQUIRE(a.executeStep());
    CHECK(a.getColumn(0).getString() == "first");
    // The same SQL gives the same statement back, reset and with its bindings cleared.
    auto& b = c.prepare("SELECT name FROM items WHERE id = ?");
    CHECK(&a == &b);
    CHECK_FALSE(b.executeStep());  // ?1 is NULL now, so no row matches
  });
  CHECK(db.read([](Conn& c) { return c.query_int("SELECT max(id) FROM items WHERE id > 5"); }) ==
        std::nullopt);
}

TEST_CASE("db: the connection runs in WAL mode with foreign keys enforced", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  db.read([](Conn& c) {
    CHECK(c.raw().execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(c.query_int("PRAGMA foreign_keys") == 1);
  });
  db.write([](Tx& tx) {
    CHECK(tx.query_int("PRAGMA synchronous") == 2);  // FULL
    tx.exec("CREATE TABLE parent(id INTEGER PRIMARY KEY)");
    tx.exec("CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))");
  });
  CHECK_THROWS(db.write([](Tx& tx) { tx.exec("INSERT INTO child(parent_id) VALUES (42)"); }));
}

TEST_CASE("db: synchronous accepts full and normal only", "[core][db]") {
  cove::test::TempDir dir;
  auto o = options_for(dir);
  o.synchronous = "normal";
  {
    Db db(o);
    db.write([](Tx& tx) { CHECK(tx.query_int("PRAGMA synchronous") == 1); });
  }
  o.synchronous = "off";
  CHECK_THROWS_AS(Db(o), std::invalid_argument);
}

TEST_CASE("db: an exception inside write rolls everything back and skips commit callbacks", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  create_items(db);
  int hooks = 0;
  int after = 0;
  db.on_commit([&] { ++hooks; });

  CHECK_THROWS_WITH(db.write([&](Tx& tx) {
    tx.exec("INSERT INTO items(name) VALUES ('a')");
    tx.exec("INSERT INTO items(name) VALUES ('b')");
    tx.after_commit([&] { ++after; });
    throw std::runtime_error("boom");
  }),
                    "boom");
  CHECK(count_items(db) == 0);
  CHECK(after == 0);
  CHECK(hooks == 0);

  db.write([&](Tx& tx) {
    tx.exec("INSERT INTO items(name) VALUES ('c')");
    tx.after_commit([&] { ++after; });
  });
  CHECK(count_items(db) == 1);
  CHECK(after == 1);
  CHECK(hooks == 1);
}

TEST_CASE("db: commit callbacks run outside the writer lock", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  create_items(db);
  db.write([&](Tx& tx) {
    tx.exec("INSERT INTO items(name) VALUES ('a')");
    // A follow-up write from the callback would deadlock or throw if the lock were still held.
    tx.after_commit([&] { db.write([](Tx& t) { t.exec("INSERT INTO items(name) VALUES ('b')"); }); });
  });
  CHECK(count_items(db) == 2);
}

TEST_CASE("db: a nested write on the same thread throws instead of deadlocking", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  create_items(db);
  CHECK_THROWS_AS(db.write([&](Tx& tx) {
    tx.exec("INSERT INTO items(name) VALUES ('outer')");
    db.write([](Tx& inner) { inner.exec("INSERT INTO items(name) VALUES ('inner')"); });
  }),
                  std::logic_error);
  CHECK(count_items(db) == 0);
  // The writer is usable again afterwards.
  db.write([](Tx& tx) { tx.exec("INSERT INTO items(name) VALUES ('later')"); });
  CHECK(count_items(db) == 1);
}

TEST_CASE("db: readers see committed data while a write transaction is open", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  create_items(db);
  db.write([](Tx& tx) { tx.exec("INSERT INTO items(name) VALUES ('committed')"); });

  std::promise<void> inserted;
  std::promise<void> may_commit;
  auto writer = std::async(std::launch::async, [&] {
    db.write([&](Tx& tx) {
      tx.exec("INSERT INTO items(name) VALUES ('pending')");
      inserted.set_value();
      may_commit.get_future().wait();
    });
  });
  inserted.get_future().wait();
  CHECK(count_items(db) == 1);  // does not block, and does not see the open transaction
  may_commit.set_value();
  writer.get();
  CHECK(count_items(db) == 2);
}

TEST_CASE("db: read waits for a free connection when the pool is exhausted", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir, 1));
  create_items(db);
  std::promise<void> holding;
  auto holder = std::async(std::launch::async, [&] {
    db.read([&](Conn&) {
      holding.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    });
  });
  holding.get_future().wait();
  const auto started = std::chrono::steady_clock::now();
  CHECK(count_items(db) == 0);
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(50));
  holder.get();
  CHECK(db.busy_seconds() >= 0.1);
}

TEST_CASE("db: backup_to copies a consistent snapshot while writes go on", "[core][db]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  create_items(db);
  db.write([](Tx& tx) {
    for (int i = 0; i < 500; ++i) tx.exec("INSERT INTO items(name) VALUES (hex(randomblob(100)))");
  });
  std::atomic<bool> stop{false};
  auto writer = std::async(std::launch::async, [&] {
    while (!stop) {
      db.write([](Tx& tx) {
        // Each transaction adds two rows, so a consistent copy always holds an even count.
        tx.exec("INSERT INTO items(name) VALUES ('x')");
        tx.exec("INSERT INTO items(name) VALUES ('y')");
      });
    }
  });
  const auto dest = dir / "backup.db";
  db.backup_to(dest);
  stop = true;
  writer.get();

  SQLite::Database copy(dest.string(), SQLite::OPEN_READONLY);
  CHECK(copy.execAndGet("PRAGMA integrity_check").getString() == "ok");
  CHECK(copy.execAndGet("PRAGMA journal_mode").getString() == "delete");
  const auto rows = copy.execAndGet("SELECT count(*) FROM items").getInt64();
  CHECK(rows >= 500);
  CHECK(rows % 2 == 0);
  CHECK_THROWS(db.backup_to(dest));  // never overwrites
}
