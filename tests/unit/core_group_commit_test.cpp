#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/db.hpp"
#include "core/group_commit.hpp"
#include "support/temp_dir.hpp"

using cove::core::Conn;
using cove::core::Db;
using cove::core::DbOptions;
using cove::core::GroupCommit;
using cove::core::Tx;

namespace {

DbOptions options_for(const cove::test::TempDir& dir) {
  DbOptions o;
  o.path = dir / "test.db";
  o.readers = 2;
  return o;
}

std::int64_t count_items(Db& db) {
  return db.read([](Conn& c) { return c.query_int("SELECT count(*) FROM items").value_or(-1); });
}

}  // namespace

TEST_CASE("group commit: concurrent writers share transactions and every write lands", "[core][db][group-commit]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  db.write([](Tx& tx) { tx.exec("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL)"); });
  GroupCommit group(db);

  constexpr int kThreads = 8;
  constexpr int kEach = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        group.write([&](Tx& tx) { tx.exec("INSERT INTO items(name) VALUES (?)", std::to_string(t * kEach + i)); });
        // Returned means committed: a reader sees it at once.
        const auto seen = db.read([&](Conn& c) {
          return c.query_one<std::int64_t>("SELECT count(*) FROM items WHERE name = ?", std::to_string(t * kEach + i));
        });
        CHECK(seen == 1);
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(count_items(db) == kThreads * kEach);
  CHECK(group.writes() == kThreads * kEach);
  // Eight threads waiting on each other's commits: fewer transactions than writes.
  CHECK(group.commits() < group.writes());
}

TEST_CASE("group commit: a failing write loses nothing of the others and gets its own error", "[core][db][group-commit]") {
  cove::test::TempDir dir;
  Db db(options_for(dir));
  db.write([](Tx& tx) { tx.exec("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)"); });
  GroupCommit group(db);

  constexpr int kThreads = 6;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        try {
          group.write([&](Tx& tx) {
            tx.exec("INSERT INTO items(name) VALUES (?)", std::to_string(t * 100 + i));
            if (i % 10 == 3) throw std::runtime_error("refused");
          });
        } catch (const std::runtime_error& e) {
          CHECK(std::string(e.what()) == "refused");
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == kThreads * 10);
  // Exactly the writes that did not throw, each once.
  CHECK(count_items(db) == kThreads * 90);
  CHECK(db.read([](Conn& c) { return c.query_int("SELECT count(*) FROM items WHERE CAST(name AS INTEGER) % 10 = 3"); }) == 0);
}
