// The identity memo's rules: an entry survives only while no write has committed since it was
// loaded, the settings object is unchanged and its deadline has not passed; rolled-back writes do
// not count; the cache never grows past its limit.
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "core/db.hpp"
#include "modules/accounts/principal_cache.hpp"
#include "support/temp_dir.hpp"

using cove::accounts::PrincipalCache;
using cove::core::Db;
using cove::core::DbOptions;
using cove::core::Tx;

namespace {

struct Fixture {
  Fixture() : db(DbOptions{.path = dir / "test.db"}) {
    db.write([](Tx& tx) { tx.exec("CREATE TABLE t(x INTEGER)"); });
  }
  void write() {
    db.write([](Tx& tx) { tx.exec("INSERT INTO t VALUES (1)"); });
  }
  cove::test::TempDir dir;
  Db db;
  std::shared_ptr<const void> settings = std::make_shared<int>(1);
};

constexpr std::int64_t kNow = 1'000'000;
constexpr std::int64_t kFar = kNow * 10;

}  // namespace

TEST_CASE("principal cache: a hit until any write commits", "[unit][accounts][cache]") {
  Fixture f;
  PrincipalCache<int> cache(f.db);
  cache.put("a", 7, cache.generation(), f.settings, kNow, kFar);
  REQUIRE(cache.get("a", f.settings, kNow) == 7);
  CHECK_FALSE(cache.get("b", f.settings, kNow));

  f.write();
  CHECK_FALSE(cache.get("a", f.settings, kNow));

  // A rolled-back transaction changed nothing, so it invalidates nothing.
  cache.put("a", 8, cache.generation(), f.settings, kNow, kFar);
  CHECK_THROWS_AS(f.db.write([](Tx& tx) {
    tx.exec("INSERT INTO t VALUES (2)");
    throw std::runtime_error("abandon");
  }),
                  std::runtime_error);
  CHECK(cache.get("a", f.settings, kNow) == 8);
}

TEST_CASE("principal cache: what was loaded before a commit is never served after it",
          "[unit][accounts][cache]") {
  Fixture f;
  PrincipalCache<int> cache(f.db);
  // The caller reads the generation, loads, and a write commits before it stores the entry.
  const auto generation = cache.generation();
  f.write();
  cache.put("a", 1, generation, f.settings, kNow, kFar);
  CHECK_FALSE(cache.get("a", f.settings, kNow));
}

TEST_CASE("principal cache: settings and deadlines end entries", "[unit][accounts][cache]") {
  Fixture f;
  PrincipalCache<int> cache(f.db);
  cache.put("a", 1, cache.generation(), f.settings, kNow, kNow + 100);
  CHECK(cache.get("a", f.settings, kNow + 99) == 1);
  CHECK_FALSE(cache.get("a", f.settings, kNow + 100));  // e.g. the session expired

  cache.put("b", 2, cache.generation(), f.settings, kNow, kFar);
  CHECK(cache.get("b", f.settings, kNow + PrincipalCache<int>::kTtlMs - 1) == 2);
  CHECK_FALSE(cache.get("b", f.settings, kNow + PrincipalCache<int>::kTtlMs));  // the TTL caps every entry

  cache.put("c", 3, cache.generation(), f.settings, kNow, kFar);
  const std::shared_ptr<const void> new_settings = std::make_shared<int>(1);
  CHECK_FALSE(cache.get("c", new_settings, kNow));
}

TEST_CASE("principal cache: bounded", "[unit][accounts][cache]") {
  Fixture f;
  PrincipalCache<int> cache(f.db);
  const auto limit = PrincipalCache<int>::kMaxEntries;
  // Stale entries make room first.
  for (std::size_t i = 0; i < limit; ++i)
    cache.put(std::to_string(i), 1, cache.generation(), f.settings, kNow, kNow + 10);
  cache.put("live", 2, cache.generation(), f.settings, kNow + 20, kFar);
  CHECK(cache.size() == 1);
  // When every entry is live, the cache starts afresh rather than grow.
  for (std::size_t i = 1; i < limit; ++i)
    cache.put(std::to_string(i), 1, cache.generation(), f.settings, kNow + 20, kFar);
  CHECK(cache.size() == limit);
  cache.put("one more", 3, cache.generation(), f.settings, kNow + 20, kFar);
  CHECK(cache.size() == 1);
  CHECK(cache.get("one more", f.settings, kNow + 20) == 3);
}
