// The Idempotency-Key table without HTTP: reservation, completion, release, restart and pruning.
#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/db.hpp"
#include "core/idempotency_store.hpp"
#include "core/migrate.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using cove::core::IdempotencyClaim;
using cove::core::IdempotencyStore;
using Kind = cove::core::IdempotencyClaim::Kind;

namespace {

struct Fixture {
  cove::test::TempDir dir{"cove-idempotency"};
  cove::test::ManualClock clock;
  std::unique_ptr<cove::core::Db> db;
  std::unique_ptr<IdempotencyStore> store;

  Fixture() {
    cove::core::DbOptions o;
    o.path = dir / "cove.db";
    db = std::make_unique<cove::core::Db>(o);
    cove::core::apply_migrations(*db, cove::embedded_migrations::files());
    store = std::make_unique<IdempotencyStore>(*db, clock, std::chrono::hours(24), std::string(32, 'k'));
  }
  std::int64_t rows() {
    return db->read(
        [](cove::core::Conn& c) { return *c.query_int("SELECT count(*) FROM idempotency_keys"); });
  }
};

const cove::core::IdempotentRequest kRequest{"POST", "/api/v1/things", "fp-1"};

}  // namespace

TEST_CASE("a reserved key is in progress until completed, then replays what was stored", "[idempotency]") {
  Fixture f;
  const cove::core::IdempotencyScope scope{"usr_a", "k"};
  CHECK(f.store->claim(scope, kRequest).kind == Kind::kReserved);
  CHECK(f.store->in_progress(scope));
  CHECK(f.store->claim(scope, kRequest).kind == Kind::kInProgress);

  f.store->complete(scope,
                    {201, {{"Content-Type", "application/json"}, {"Location", "/x/1"}}, R"({"n":1})", true});
  CHECK_FALSE(f.store->in_progress(scope));
  const auto replay = f.store->claim(scope, kRequest);
  REQUIRE(replay.kind == Kind::kReplay);
  CHECK(replay.response.status == 201);
  CHECK(replay.response.body == R"({"n":1})");
  CHECK(replay.response.headers.size() == 2);
  CHECK(f.store->claim(scope, {"POST", "/api/v1/things", "fp-2"}).kind == Kind::kMismatch);
}

TEST_CASE("a released or abandoned reservation frees the key", "[idempotency]") {
  Fixture f;
  const cove::core::IdempotencyScope scope{"usr_a", "k"};
  REQUIRE(f.store->claim(scope, kRequest).kind == Kind::kReserved);
  f.store->release(scope);
  CHECK(f.store->claim(scope, kRequest).kind == Kind::kReserved);
  // A restart: the reserving handler is gone, so the reservation is dropped.
  CHECK(f.store->clear_reservations() == 1);
  CHECK(f.store->claim(scope, kRequest).kind == Kind::kReserved);
}

TEST_CASE("a body over the limit is remembered as not kept", "[idempotency]") {
  Fixture f;
  const cove::core::IdempotencyScope scope{"key_a", "k"};
  REQUIRE(f.store->claim(scope, kRequest).kind == Kind::kReserved);
  f.store->complete(scope, {200, {}, std::string(IdempotencyStore::kMaxStoredBody + 1, 'x'), true});
  const auto replay = f.store->claim(scope, kRequest);
  REQUIRE(replay.kind == Kind::kReplay);
  CHECK_FALSE(replay.response.body_kept);
  CHECK(replay.response.status == 200);
}

TEST_CASE("each claim prunes a bounded batch of expired rows", "[idempotency]") {
  Fixture f;
  for (int i = 0; i < 100; ++i) {
    const cove::core::IdempotencyScope scope{"usr_a", "old-" + std::to_string(i)};
    REQUIRE(f.store->claim(scope, kRequest).kind == Kind::kReserved);
    f.store->complete(scope, {200, {}, "{}", true});
  }
  f.clock.advance(std::chrono::hours(25));
  REQUIRE(f.store->claim({"usr_a", "new-1"}, kRequest).kind == Kind::kReserved);
  CHECK(f.rows() == 100 - 64 + 1);
  REQUIRE(f.store->claim({"usr_a", "new-2"}, kRequest).kind == Kind::kReserved);
  CHECK(f.rows() == 2);
}
