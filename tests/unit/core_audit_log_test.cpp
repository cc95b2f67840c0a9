#include <memory>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "core/audit_log.hpp"
#include "core/db.hpp"
#include "core/migrate.hpp"
#include "core/audit_query.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using cove::core::Actor;
using cove::core::AuditEntry;
using cove::core::AuditLog;
using cove::core::Conn;
using cove::core::Db;
using cove::core::Principal;
using cove::core::Tx;

namespace {

struct Fixture {
  cove::test::TempDir dir{"cove-audit"};
  std::unique_ptr<Db> db;
  cove::test::ManualClock clock;
  AuditLog audit{clock};
  Actor actor;

  Fixture() {
    cove::core::DbOptions o;
    o.path = dir / "cove.db";
    db = std::make_unique<Db>(o);
    cove::core::apply_migrations(*db, cove::embedded_migrations::files());
    auto p = std::make_shared<Principal>();
    p->kind = Principal::Kind::kUser;
    p->id = "usr_alice";
    p->name = "Alice";
    actor.principal = p;
    actor.ip = "203.0.113.7";
    actor.user_agent = "curl/8.0";
    actor.request_id = "req-1";
  }

  std::int64_t record(const std::string& action, nlohmann::json after = nullptr) {
    return db->write([&](Tx& tx) {
      return audit.record(tx, actor, {"org_1", action, "app", "app_1", nullptr, std::move(after)});
    });
  }

  void record_n(int n) {
    for (int i = 0; i < n; ++i) record("app.updated", {{"i", i}});
  }
};

}  // namespace

TEST_CASE("audit: entries form a verifiable hash chain", "[core][audit]") {
  Fixture f;
  CHECK(AuditLog::verify(*f.db).ok);
  f.record_n(3);
  f.db->write([&](Tx& tx) {
    f.audit.record(tx, f.actor,
                   {"", "platform.settings_changed", "settings", "security", {{"a", 1}}, {{"a", 2}}});
    f.audit.record(tx, Actor::system("scheduler"), {"", "blob.collected", "blob", "abc", nullptr, nullptr});
  });
  const auto result = AuditLog::verify(*f.db);
  CHECK(result.ok);
  CHECK(result.entries == 5);
  CHECK_FALSE(result.first_bad_id);
  f.db->read([&](Conn& c) {
    auto& s = c.prepare(
        "SELECT actor_kind, actor_id, actor_name, org_id, before_json, after_json, ip, request_id, "
        "hash FROM audit_log WHERE id = ?");
    s.bind(1, 4);
    REQUIRE(s.executeStep());
    CHECK(s.getColumn(0).getString() == "user");
    CHECK(s.getColumn(1).getString() == "usr_alice");
    CHECK(s.getColumn(2).getString() == "Alice");
    CHECK(s.getColumn(3).getString() == "");
    CHECK(s.getColumn(4).getString() == R"({"a":1})");
    CHECK(s.getColumn(5).getString() == R"({"a":2})");
    CHECK(s.getColumn(6).getString() == "203.0.113.7");
    CHECK(s.getColumn(7).getString() == "req-1");
    s.reset();
    s.bind(1, 5);
    REQUIRE(s.executeStep());
    CHECK(s.getColumn(0).getString() == "system");
    CHECK(s.getColumn(4).isNull());
    CHECK(s.getColumn(8).getString() == result.head_hash);
  });
}

TEST_CASE("audit: an entry edited with raw SQL is found at its id", "[core][audit]") {
  Fixture f;
  f.record_n(5);
  f.db->write([](Tx& tx) { tx.exec("UPDATE audit_log SET action = 'app.viewed' WHERE id = 3"); });
  const auto result = AuditLog::verify(*f.db);
  CHECK_FALSE(result.ok);
  CHECK(result.first_bad_id == 3);
  CHECK_THAT(result.reason, Catch::Contains("edited"));
  CHECK(result.entries == 5);
}

TEST_CASE("audit: a rewritten link is reported at the entry that holds it", "[core][audit]") {
  Fixture f;
  f.record_n(4);
  f.db->write([](Tx& tx) {
    tx.exec("UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE id = 1) WHERE id = 3");
  });
  const auto result = AuditLog::verify(*f.db);
  CHECK(result.first_bad_id == 3);
  CHECK_THAT(result.reason, Catch::Contains("prev_hash does not match the hash of entry 2"));
}

TEST_CASE("audit: a deleted entry leaves a detectable gap", "[core][audit]") {
  Fixture f;
  f.record_n(5);
  f.db->write([](Tx& tx) { tx.exec("DELETE FROM audit_log WHERE id = 3"); });
  auto result = AuditLog::verify(*f.db);
  CHECK_FALSE(result.ok);
  CHECK(result.first_bad_id == 4);
  CHECK_THAT(result.reason, Catch::Contains("entry 3 is missing"));

  // New entries after the deletion do not paper over it.
  f.record_n(1);
  result = AuditLog::verify(*f.db);
  CHECK(result.first_bad_id == 4);

  f.db->write([](Tx& tx) { tx.exec("DELETE FROM audit_log WHERE id = 1"); });
  CHECK(AuditLog::verify(*f.db).first_bad_id == 2);
}

TEST_CASE("audit: removing the newest entry shows in a new record's id", "[core][audit]") {
  Fixture f;
  f.record_n(3);
  f.db->write([](Tx& tx) { tx.exec("DELETE FROM audit_log WHERE id = 3"); });
  CHECK(f.record("app.deleted") == 4);
  CHECK(AuditLog::verify(*f.db).first_bad_id == 4);
}

TEST_CASE("audit: an entry recorded in a rolled-back transaction leaves no trace", "[core][audit]") {
  Fixture f;
  f.record_n(2);
  CHECK_THROWS(f.db->write([&](Tx& tx) {
    f.audit.record(tx, f.actor, {"org_1", "app.deleted", "app", "app_1", nullptr, nullptr});
    throw std::runtime_error("conflict");
  }));
  CHECK(f.db->read([](Conn& c) { return c.query_int("SELECT count(*) FROM audit_log"); }) == 2);
  CHECK(f.record("app.updated") == 3);
  CHECK(AuditLog::verify(*f.db).ok);
}

TEST_CASE("audit: long user agents are clipped at a character boundary", "[core][audit]") {
  Fixture f;
  std::string ua(509, 'a');
  ua += "\xE4\xB8\xAD\xE6\x96\x87";  // "中文": the 3-byte character straddles byte 512
  f.actor.user_agent = ua;
  f.record("auth.login");
  const auto stored =
      f.db->read([](Conn& c) { return c.raw().execAndGet("SELECT user_agent FROM audit_log").getString(); });
  CHECK(stored.size() == 509 + 3);
  CHECK(stored.substr(509) == "\xE4\xB8\xAD");
  CHECK(AuditLog::verify(*f.db).ok);
}

namespace {
std::int64_t ms_of(cove::core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
std::int64_t count_entries(Db& db) {
  return db.read([](Conn& c) { return c.query_int("SELECT count(*) FROM audit_log").value_or(0); });
}
}  // namespace

TEST_CASE("audit: retention prunes old entries behind a checkpoint and the chain still verifies",
          "[core][audit]") {
  Fixture f;
  f.record_n(4);  // 200 days old by the time of pruning
  f.clock.advance(std::chrono::hours(24 * 200));
  f.record_n(2);  // fresh
  const auto cutoff = ms_of(f.clock.now() - std::chrono::hours(24 * 180));

  const auto pruned = f.audit.prune(*f.db, cutoff);
  CHECK(pruned.removed == 4);
  CHECK(pruned.through_id == 4);
  CHECK(count_entries(*f.db) == 3);  // the two fresh ones and the checkpoint
  auto result = AuditLog::verify(*f.db);
  CHECK(result.ok);
  CHECK(result.pruned_through == 4);
  CHECK(result.entries == 3);

  // The log goes on, and pruning again later keeps it verifiable.
  CHECK(f.record("app.deleted") == 8);
  CHECK(AuditLog::verify(*f.db).ok);
  CHECK(f.audit.prune(*f.db, cutoff).removed == 0);  // nothing else is due
  f.clock.advance(std::chrono::hours(24 * 365));
  const auto second = f.audit.prune(*f.db, ms_of(f.clock.now() - std::chrono::hours(24 * 180)));
  CHECK(second.removed == 3);  // everything but the newest entry, which carries the head of the chain
  result = AuditLog::verify(*f.db);
  CHECK(result.ok);
  CHECK(result.pruned_through == second.through_id);
}

TEST_CASE("audit: deleting entries after a checkpoint is still a gap", "[core][audit]") {
  Fixture f;
  f.record_n(3);
  f.clock.advance(std::chrono::hours(24 * 200));
  f.record_n(3);
  f.audit.prune(*f.db, ms_of(f.clock.now() - std::chrono::hours(24 * 180)));
  REQUIRE(AuditLog::verify(*f.db).ok);
  // Someone removes the oldest remaining entry, as if it had been pruned too.
  f.db->write([](Tx& tx) { tx.exec("DELETE FROM audit_log WHERE id = 4"); });
  const auto result = AuditLog::verify(*f.db);
  CHECK_FALSE(result.ok);
  CHECK(result.first_bad_id == 5);
}

TEST_CASE("audit: the read side filters by action family, result and time", "[core][audit]") {
  Fixture f;
  f.record("app.created");
  f.record("auth.login_failed");
  f.clock.advance(std::chrono::hours(1));
  const auto later = ms_of(f.clock.now());
  f.record("app.updated");
  f.record("auth.locked");
  const auto list = [&](cove::core::AuditFilter filter, cove::core::PageRequest page = {}) {
    return f.db->read([&](Conn& c) { return cove::core::list_audit(c, filter, page); });
  };
  CHECK(list({.action = "app."}).total == 2);
  CHECK(list({.action = "app.created"}).total == 1);
  CHECK(list({.result = "failure"}).total == 2);
  CHECK(list({.result = "success"}).total == 2);
  CHECK(list({}, {.from_ms = later}).total == 2);
  CHECK(list({}, {.to_ms = later}).total == 2);
  CHECK(list({.scope_org_id = "org_2"}).total == 0);
  const auto page = list({}, {.limit = 3});
  CHECK(page.rows.size() == 4);  // limit + 1: "there is more"
  CHECK(page.rows.front().action == "auth.locked");
  CHECK(cove::core::is_failure_action("auth.refresh_reused"));
  CHECK_FALSE(cove::core::is_failure_action("app.rejected"));
}
