#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <span>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/db.hpp"
#include "core/log.hpp"
#include "core/migrate.hpp"
#include "core/outbox.hpp"
#include "support/temp_dir.hpp"

using cove::core::Conn;
using cove::core::Db;
using cove::core::Event;
using cove::core::Outbox;
using cove::core::Tx;
using namespace std::chrono_literals;

namespace {

class FixedClock final : public cove::core::Clock {
 public:
  cove::core::TimePoint now() const override { return now_.load(); }
  void set(cove::core::TimePoint t) { now_ = t; }

 private:
  std::atomic<cove::core::TimePoint> now_{std::chrono::system_clock::now()};
};

struct Fixture {
  cove::test::TempDir dir{"cove-outbox"};
  std::unique_ptr<Db> db;
  cove::core::SystemClock clock;

  Fixture() { reopen(); }
  // A new Db on the same file, as a restarted process would have.
  void reopen() {
    db.reset();
    cove::core::DbOptions o;
    o.path = dir / "cove.db";
    db = std::make_unique<Db>(o);
    cove::core::apply_migrations(*db, cove::embedded_migrations::files());
  }
};

// Thread-safe record of what a subscriber saw.
struct Seen {
  std::mutex mutex;
  std::vector<std::int64_t> ids;
  std::vector<std::string> topics;
  void add(const Event& e) {
    std::lock_guard lock(mutex);
    ids.push_back(e.id);
    topics.push_back(e.topic);
  }
  std::vector<std::int64_t> snapshot() {
    std::lock_guard lock(mutex);
    return ids;
  }
};

void emit_one(Db& db, Outbox& outbox, const std::string& topic, int n = 0) {
  db.write([&](Tx& tx) { outbox.emit(tx, topic, {{"n", n}}); });
}

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

}  // namespace

TEST_CASE("outbox: committed events reach every subscriber in order", "[core][outbox]") {
  Fixture f;
  Seen a, b, versions;
  std::vector<int> payloads;
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("a", {""}, [&](const Event& e) {
    a.add(e);
    payloads.push_back(e.payload.at("n").get<int>());
  });
  outbox.subscribe("b", {}, [&](const Event& e) { b.add(e); });
  outbox.subscribe("versions", {"version."}, [&](const Event& e) { versions.add(e); });
  outbox.start();

  emit_one(*f.db, outbox, "app.updated", 1);
  f.db->write([&](Tx& tx) {
    outbox.emit(tx, "version.released", {{"n", 2}});
    outbox.emit(tx, "app.updated", {{"n", 3}});
  });
  emit_one(*f.db, outbox, "version.rolled_back", 4);
  REQUIRE(outbox.drain(5s));

  CHECK(a.snapshot() == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(b.snapshot() == std::vector<std::int64_t>{1, 2, 3, 4});
  CHECK(payloads == std::vector<int>{1, 2, 3, 4});
  CHECK(versions.topics == std::vector<std::string>{"version.released", "version.rolled_back"});
  CHECK(outbox.lag() == 0);
  // Progress is recorded for every subscriber, including past events it filtered out.
  f.db->read(
      [](Conn& c) { CHECK(c.query_int("SELECT count(*) FROM outbox_progress WHERE position = 4") == 3); });
}

TEST_CASE("outbox: a failing handler is retried with backoff without holding up others", "[core][outbox]") {
  Fixture f;
  std::atomic<int> attempts{0};
  std::atomic<std::int64_t> flaky_done_at{0};
  std::atomic<std::int64_t> steady_second_at{0};
  Seen flaky, steady;
  const auto now_ns = [] { return std::chrono::steady_clock::now().time_since_epoch().count(); };
  Outbox outbox(*f.db, f.clock);

  outbox.subscribe("flaky", {}, [&](const Event& e) {
    if (e.id == 1 && ++attempts <= 2) throw std::runtime_error("downstream unavailable");
    if (e.id == 1) flaky_done_at = now_ns();
    flaky.add(e);
  });
  outbox.subscribe("steady", {}, [&](const Event& e) {
    if (e.id == 2) steady_second_at = now_ns();
    steady.add(e);
  });
  outbox.start();

  std::string logs;
  cove::core::log::capture(&logs);
  emit_one(*f.db, outbox, "app.updated", 1);
  REQUIRE(eventually([&] { return attempts.load() >= 1; }, 2s));
  emit_one(*f.db, outbox, "app.updated", 2);
  REQUIRE(outbox.drain(10s));
  cove::core::log::capture(nullptr);

  CHECK(attempts == 3);
  CHECK(flaky.snapshot() == std::vector<std::int64_t>{1, 2});
  CHECK(steady.snapshot() == std::vector<std::int64_t>{1, 2});
  // The steady subscriber handled event 2 while the flaky one was still backing off on event 1.
  CHECK(steady_second_at.load() < flaky_done_at.load());
  CHECK_THAT(logs, Catch::Contains("outbox handler failed") && Catch::Contains("flaky") &&
                       Catch::Contains("downstream unavailable"));
}

TEST_CASE("outbox: events committed while no dispatcher ran are delivered after a restart",
          "[core][outbox]") {
  Fixture f;
  Seen first_run;
  {
    Outbox outbox(*f.db, f.clock);
    outbox.subscribe("indexer", {}, [&](const Event& e) { first_run.add(e); });
    outbox.start();
    emit_one(*f.db, outbox, "app.created", 0);
    REQUIRE(outbox.drain(5s));
  }
  CHECK(first_run.snapshot() == std::vector<std::int64_t>{1});

  // The process "crashes": events commit with no dispatcher running, one transaction rolls back.
  {
    Outbox writer_only(*f.db, f.clock);
    emit_one(*f.db, writer_only, "app.updated", 1);
    CHECK_THROWS(f.db->write([&](Tx& tx) {
      writer_only.emit(tx, "app.deleted", {{"n", 99}});
      throw std::runtime_error("rolled back");
    }));
    f.db->write([&](Tx& tx) {
      writer_only.emit(tx, "app.updated", {{"n", 2}});
      writer_only.emit(tx, "app.updated", {{"n", 3}});
    });
  }
  f.reopen();

  Seen second_run;
  Outbox restarted(*f.db, f.clock);
  restarted.subscribe("indexer", {}, [&](const Event& e) { second_run.add(e); });
  restarted.start();
  REQUIRE(restarted.drain(5s));
  CHECK(second_run.snapshot() == std::vector<std::int64_t>{2, 3, 4});
  CHECK(std::find(second_run.topics.begin(), second_run.topics.end(), "app.deleted") ==
        second_run.topics.end());
}

TEST_CASE("outbox: a subscriber far behind does not hold up one that is current", "[core][outbox]") {
  Fixture f;
  {
    Outbox first(*f.db, f.clock);
    first.subscribe("behind", {}, [](const Event&) {});
    first.subscribe("current", {}, [](const Event&) {});
    first.start();
  }
  {
    Outbox writer_only(*f.db, f.clock);
    f.db->write([&](Tx& tx) {
      for (int i = 0; i < 301; ++i) writer_only.emit(tx, "bulk.imported", {{"n", i}});
    });
  }
  // "current" had already handled the first 300 before the restart.
  f.db->write(
      [](Tx& tx) { tx.exec("UPDATE outbox_progress SET position = 300 WHERE subscriber = 'current'"); });

  const auto now_ns = [] { return std::chrono::steady_clock::now().time_since_epoch().count(); };
  std::atomic<std::int64_t> behind_done_at{0};
  std::atomic<std::int64_t> current_got_at{0};
  Seen current;
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("behind", {}, [&](const Event& e) {
    std::this_thread::sleep_for(1ms);
    if (e.id == 301) behind_done_at = now_ns();
  });
  outbox.subscribe("current", {}, [&](const Event& e) {
    current_got_at = now_ns();
    current.add(e);
  });
  outbox.start();
  REQUIRE(outbox.drain(10s));
  CHECK(current.snapshot() == std::vector<std::int64_t>{301});
  CHECK(current_got_at.load() < behind_done_at.load());
}

TEST_CASE("outbox: an event from a rolled-back transaction is never delivered", "[core][outbox]") {
  Fixture f;
  Seen seen;
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("all", {}, [&](const Event& e) { seen.add(e); });
  outbox.start();
  CHECK_THROWS(f.db->write([&](Tx& tx) {
    outbox.emit(tx, "org.approved", {{"n", 1}});
    throw std::runtime_error("validation failed");
  }));
  emit_one(*f.db, outbox, "org.rejected", 2);
  REQUIRE(outbox.drain(5s));
  CHECK(seen.topics == std::vector<std::string>{"org.rejected"});
}

TEST_CASE("outbox: a new subscriber starts after the newest existing event", "[core][outbox]") {
  Fixture f;
  {
    Outbox old(*f.db, f.clock);
    emit_one(*f.db, old, "history.one");
    emit_one(*f.db, old, "history.two");
  }
  Seen seen;
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("newcomer", {}, [&](const Event& e) { seen.add(e); });
  outbox.start();
  emit_one(*f.db, outbox, "fresh.event");
  REQUIRE(outbox.drain(5s));
  CHECK(seen.topics == std::vector<std::string>{"fresh.event"});
}

TEST_CASE("outbox: lag counts events the slowest subscriber has not handled", "[core][outbox]") {
  Fixture f;
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<bool> first{true};
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("slow", {}, [&](const Event&) {
    if (first.exchange(false)) {
      entered.set_value();
      released.wait();
    }
  });
  outbox.subscribe("fast", {}, [](const Event&) {});
  outbox.start();
  CHECK(outbox.lag() == 0);

  emit_one(*f.db, outbox, "a.b");
  entered.get_future().wait();
  emit_one(*f.db, outbox, "a.b");
  emit_one(*f.db, outbox, "a.b");
  CHECK(outbox.lag() == 3);
  CHECK_FALSE(outbox.drain(50ms));
  release.set_value();
  REQUIRE(outbox.drain(5s));
  CHECK(outbox.lag() == 0);
}

TEST_CASE("outbox: events committed by another process are picked up by polling", "[core][outbox]") {
  Fixture f;
  Seen seen;
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("all", {}, [&](const Event& e) { seen.add(e); });
  outbox.start();
  emit_one(*f.db, outbox, "local.event");
  REQUIRE(outbox.drain(5s));
  std::this_thread::sleep_for(100ms);  // let the dispatcher settle into its idle wait

  // A CLI command: its own connections and its own Outbox, so no in-process wake-up.
  cove::core::DbOptions o;
  o.path = f.dir / "cove.db";
  Db other(o);
  Outbox cli(other, f.clock);
  emit_one(other, cli, "org.approved");
  CHECK(eventually([&] { return seen.snapshot().size() == 2; }, 3s));
}

TEST_CASE("outbox: an idle dispatcher sleeps instead of spinning", "[core][outbox]") {
  Fixture f;
  Outbox outbox(*f.db, f.clock);
  outbox.subscribe("all", {}, [](const Event&) {});
  outbox.start();
  emit_one(*f.db, outbox, "a.b");
  REQUIRE(outbox.drain(5s));
  // Counted, not timed (bench/outbox_idle.sh measures the CPU). With nothing committed, 300 ms
  // hold at most two passes — the one after the drained batch and one 1 s poll — where a spinning
  // dispatcher makes thousands; a slow machine only makes fewer.
  const auto before = outbox.passes();
  std::this_thread::sleep_for(300ms);
  CHECK(outbox.passes() - before <= 2);
}

TEST_CASE("outbox: prune deletes old events every subscriber has handled", "[core][outbox]") {
  Fixture f;
  FixedClock clock;
  std::atomic<bool> block{false};
  Outbox outbox(*f.db, clock);
  outbox.subscribe("all", {}, [&](const Event&) {
    if (block) throw std::runtime_error("stuck");
  });
  outbox.start();
  clock.set(std::chrono::system_clock::now() - 10 * 24h);
  emit_one(*f.db, outbox, "old.one");
  emit_one(*f.db, outbox, "old.two");
  REQUIRE(outbox.drain(5s));
  block = true;
  emit_one(*f.db, outbox, "old.unhandled");
  clock.set(std::chrono::system_clock::now());
  emit_one(*f.db, outbox, "new.one");

  CHECK(outbox.prune(7 * 24h) == 2);
  f.db->read([](Conn& c) {
    CHECK(c.query_int("SELECT count(*) FROM outbox") == 2);
    CHECK(c.query_int("SELECT min(id) FROM outbox") == 3);
  });
}

TEST_CASE("outbox: a batch subscriber gets the wanted events of a pass at once; a throw retries them all",
          "[core][outbox]") {
  Fixture f;
  Outbox outbox(*f.db, f.clock);
  std::mutex mutex;
  std::vector<std::vector<std::int64_t>> calls;
  std::atomic<int> failures_left{1};
  outbox.subscribe_batch("batch", {"app."}, [&](std::span<const Event> events) {
    std::vector<std::int64_t> ids;
    for (const auto& e : events) ids.push_back(e.id);
    std::lock_guard lock(mutex);
    calls.push_back(ids);
    if (failures_left.fetch_sub(1) > 0) throw std::runtime_error("receiver store unavailable");
  });
  outbox.start();
  // Events committed together arrive in one pass.
  f.db->write([&](Tx& tx) {
    for (int i = 0; i < 5; ++i) outbox.emit(tx, i % 2 == 0 ? "app.updated" : "version.released", {{"n", i}});
  });
  REQUIRE(outbox.drain(10s));
  std::lock_guard lock(mutex);
  // Once failed, then the same batch again; the other topics are skipped but counted as handled.
  REQUIRE(calls.size() == 2);
  CHECK(calls[0] == std::vector<std::int64_t>{1, 3, 5});
  CHECK(calls[1] == calls[0]);
  CHECK(outbox.lag() == 0);
}
