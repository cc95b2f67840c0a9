// The repository layer's query helpers: values bound in order, rows read in order, optional
// columns, dynamic filters and keyset pages.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "support/temp_dir.hpp"

using namespace cove;

namespace {

struct Widget {
  std::string id;
  std::string name;
  std::int64_t created_ms = 0;
  std::optional<std::string> note;
  bool active = false;
  nlohmann::json tags;
};

void read_row(core::Row& r, Widget& w) { r.read(w.id, w.name, w.created_ms, w.note, w.active, w.tags); }

struct Db {
  test::TempDir dir{"cove-query"};
  core::Db db{core::DbOptions{.path = dir.path() / "q.db"}};
  Db() {
    db.write([](core::Tx& tx) {
      tx.exec(
          "CREATE TABLE widgets(id TEXT PRIMARY KEY, name TEXT NOT NULL, created_ms INTEGER NOT NULL, note TEXT, "
          "active INTEGER NOT NULL, tags TEXT NOT NULL)");
    });
  }
  void add(const Widget& w) {
    db.write([&](core::Tx& tx) {
      tx.exec("INSERT INTO widgets VALUES(?, ?, ?, ?, ?, ?)", w.id, w.name, w.created_ms, w.note, w.active, w.tags);
    });
  }
};

}  // namespace

TEST_CASE("values bind in order and rows read back in order", "[unit][db]") {
  Db t;
  t.add({"w1", "Alpha", 10, std::nullopt, true, {"a", "b"}});
  t.add({"w2", "Beta", 20, "second", false, nlohmann::json::array()});
  t.db.read([](core::Conn& c) {
    const auto w1 = c.query_one<Widget>("SELECT id, name, created_ms, note, active, tags FROM widgets WHERE id = ?",
                                        std::string("w1"));
    REQUIRE(w1);
    CHECK(w1->name == "Alpha");
    CHECK_FALSE(w1->note);
    CHECK(w1->active);
    CHECK(w1->tags == nlohmann::json({"a", "b"}));
    const auto all = c.query_all<Widget>("SELECT id, name, created_ms, note, active, tags FROM widgets ORDER BY id");
    REQUIRE(all.size() == 2);
    CHECK(all[1].note == "second");
    CHECK_FALSE(c.query_one<Widget>("SELECT id, name, created_ms, note, active, tags FROM widgets WHERE id = ?",
                                    "none"));
    CHECK(c.query_value<std::int64_t>("SELECT count(*) FROM widgets WHERE created_ms > ?", 5) == 2);
    CHECK(c.query_all<std::string>("SELECT name FROM widgets WHERE note IS ?", core::Null{}) ==
          std::vector<std::string>{"Alpha"});
  });
  CHECK(t.db.write([](core::Tx& tx) { return tx.exec("UPDATE widgets SET active = ? WHERE id <> ?", true, "w0"); }) ==
        2);
}

TEST_CASE("filters built at run time bind what they add", "[unit][db]") {
  Db t;
  for (int i = 0; i < 5; ++i) t.add({fmt::format("w{}", i), i % 2 ? "odd" : "even", i, std::nullopt, true, {}});
  const auto names = [&](std::optional<std::string> name, std::optional<std::int64_t> min) {
    std::string sql = "SELECT id FROM widgets WHERE 1 = 1";
    core::SqlArgs args;
    if (name) {
      sql += " AND name = ?";
      args.add(*name);
    }
    if (min) {
      sql += " AND created_ms >= ?";
      args.add(*min);
    }
    return t.db.read([&](core::Conn& c) { return c.query_all<std::string>(sql + " ORDER BY id", args); });
  };
  CHECK(names(std::nullopt, std::nullopt).size() == 5);
  CHECK(names("odd", std::nullopt) == std::vector<std::string>{"w1", "w3"});
  CHECK(names("even", 1) == std::vector<std::string>{"w2", "w4"});
}

TEST_CASE("a keyset page binds its cursor and one row more than it shows", "[unit][db]") {
  Db t;
  for (int i = 0; i < 5; ++i) t.add({fmt::format("w{}", i), "n", 100 + i, std::nullopt, true, {}});
  const auto page_of = [&](core::PageRequest page) {
    return t.db.read([&](core::Conn& c) {
      return c.query_page<std::string>("SELECT id", "FROM widgets WHERE 1 = 1", core::newest_first_page_sql("", 1),
                                       page);
    });
  };
  const auto first = page_of({.limit = 2});
  CHECK(first.rows == std::vector<std::string>{"w4", "w3", "w2"});  // the third only says "more"
  CHECK(first.total == 5);
  const auto second = page_of({.limit = 2, .after = core::PageKey{103, "w3"}});
  CHECK(second.rows == std::vector<std::string>{"w2", "w1", "w0"});
  CHECK(second.total == 5);  // the total counts the list, not what is left after the cursor
}

TEST_CASE("a page's time range narrows the rows and the total alike", "[unit][db]") {
  Db t;
  for (int i = 0; i < 5; ++i) t.add({fmt::format("w{}", i), "n", 100 + i, std::nullopt, true, {}});
  const auto page_of = [&](core::PageRequest page) {
    return t.db.read([&](core::Conn& c) {
      return c.query_page<std::string>("SELECT id", "FROM widgets WHERE name = ?1",
                                       core::newest_first_page_sql("", 2), page, std::string("n"));
    });
  };
  // from is inclusive, to exclusive: 101, 102, 103.
  const auto middle = page_of({.limit = 2, .from_ms = 101, .to_ms = 104});
  CHECK(middle.rows == std::vector<std::string>{"w3", "w2", "w1"});
  CHECK(middle.total == 3);
  const auto from_only = page_of({.from_ms = 103});
  CHECK(from_only.rows == std::vector<std::string>{"w4", "w3"});
  CHECK(from_only.total == 2);
  const auto to_only = page_of({.offset = 1, .to_ms = 102});
  CHECK(to_only.rows == std::vector<std::string>{"w0"});
  CHECK(to_only.total == 2);
  CHECK(page_of({.from_ms = 200}).total == 0);
}

TEST_CASE("list cursors round-trip and reject anything else", "[unit][db]") {
  const auto cursor = core::encode_cursor({1700000000123, "ses_abc"});
  const auto key = core::decode_cursor(cursor);
  REQUIRE(key);
  CHECK(key->ms == 1700000000123);
  CHECK(key->id == "ses_abc");
  CHECK_FALSE(core::decode_cursor(""));
  CHECK_FALSE(core::decode_cursor("!!!"));
  CHECK_FALSE(core::decode_cursor(core::crypto::base64url("12x|id")));
  CHECK_FALSE(core::decode_cursor(core::crypto::base64url("|id")));
  CHECK_FALSE(core::decode_cursor(core::crypto::base64url("12|")));
  CHECK_FALSE(core::decode_cursor(std::string(300, 'A')));
  CHECK(core::like_contains("50%_a\\b") == "%50\\%\\_a\\\\b%");
}
