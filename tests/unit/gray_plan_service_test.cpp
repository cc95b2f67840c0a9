// The gray module's PlanService built alone (DESIGN.md §3): a real database, and fakes for what
// other modules provide — the apps module's view of versions and its release, the accounts
// module's quotas. What the fakes answer is what the service does.
#include <catch2/catch.hpp>

#include "core/change_log.hpp"
#include "core/db.hpp"
#include "core/migrate.hpp"
#include "modules/gray/plan_service.hpp"
#include "support/fake_apps_api.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace cove;

namespace {

// The apps module as a gray plan sees it: one online mini-program with a newer version 1.1.0.
class FakeApps final : public test::FakeAppsApi {
 public:
  std::string sign_package(const std::string& sha256) const override { return "signed:" + sha256; }
  std::optional<apps::GrayCandidate> gray_candidate(core::Conn&, const std::string&, const std::string&,
                                                    const std::string& version) const override {
    if (version != "1.1.0") return std::nullopt;
    return apps::GrayCandidate{.version_id = "ver_11",
                               .version = "1.1.0",
                               .status = "uploaded",
                               .releasable = true,
                               .newer_than_released = true,
                               .released_version = "1.0.0",
                               .app_status = "online",
                               .package_sha256 = std::string(64, 'a'),
                               .package_size = 10};
  }
  std::optional<std::string> released_version(core::Conn&, const std::string&, const std::string&) const override {
    return "1.0.0";
  }
  bool app_exists(core::Conn&, const std::string&, const std::string& app_id) const override {
    return app_id == "app_1";
  }
  void release_in(core::Tx&, const core::Actor&, const std::string&, const std::string& app_id,
                  const std::string& version) override {
    releases.push_back(app_id + "@" + version);
  }

  std::vector<std::string> releases;
};

class FakeQuotas final : public accounts::Quotas {
 public:
  std::int64_t limit(core::Conn&, const std::string&, std::string_view) const override { return max; }
  void ensure(core::Conn&, const std::string&, std::string_view key, std::int64_t current,
              std::int64_t adding) const override {
    asked.push_back(std::string(key));
    if (current + adding > max) throw core::Error(403, "quota.exceeded", "fake limit");
  }
  std::int64_t max = 5;
  mutable std::vector<std::string> asked;
};

struct Fixture {
  test::TempDir dir{"cove-gray-service"};
  test::ManualClock clock;
  std::unique_ptr<core::Db> db;
  std::unique_ptr<core::Outbox> events;
  core::AuditLog audit{clock};
  std::unique_ptr<core::ChangeLog> changes;
  FakeApps apps;
  FakeQuotas quotas;
  std::unique_ptr<gray::PlanService> plans;
  core::Actor actor = core::Actor::system("test");

  Fixture() {
    db = std::make_unique<core::Db>(core::DbOptions{.path = dir / "cove.db"});
    core::apply_migrations(*db, embedded_migrations::files());
    events = std::make_unique<core::Outbox>(*db, clock);
    changes = std::make_unique<core::ChangeLog>(audit, *events);
    plans = std::make_unique<gray::PlanService>(*db, *changes, clock, apps, quotas);
    // The rows the plan's foreign keys name (the fakes answer everything else).
    db->write([](core::Tx& tx) {
      tx.exec(
          "INSERT INTO orgs(id, name, license_no, contact_name, contact_email, contact_phone, status, created_ms, "
          "updated_ms) VALUES('org_1', 'Org', 'L1', 'C', 'c@x.example', '12345', 'active', 0, 0)");
      tx.exec("INSERT INTO apps(id, org_id, name, status, created_by, created_ms, updated_ms) "
              "VALUES('app_1', 'org_1', 'App', 'online', 'usr_1', 0, 0)");
      tx.exec(
          "INSERT INTO app_versions(id, app_id, org_id, version, major, minor, patch, package_sha256, package_size, "
          "file_count, unpacked_size, status, uploaded_by, created_ms, updated_ms) "
          "VALUES('ver_11', 'app_1', 'org_1', '1.1.0', 1, 1, 0, 'aa', 10, 1, 10, 'uploaded', 'usr_1', 0, 0)");
    });
  }

  gray::Plan create() {
    nlohmann::json rule = {{"groups", {{{"percentage", 50}}}}};
    return plans->create(actor, "org_1", "app_1", {.version = "1.1.0", .name = "Half", .rule = rule});
  }

  std::int64_t count(const std::string& table, const std::string& column, const std::string& value) {
    return db->read([&](core::Conn& c) {
      return c.query_value<std::int64_t>("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", value);
    });
  }
};

}  // namespace

TEST_CASE("a plan starts within the quota the accounts module reports", "[unit][gray]") {
  Fixture f;
  const auto plan = f.create();
  CHECK(plan.status == "draft");

  f.quotas.max = 0;  // the organisation may run no plan
  try {
    f.plans->act(f.actor, "org_1", plan.id, gray::PlanAction::kStart);
    FAIL("expected quota.exceeded");
  } catch (const core::Error& e) {
    CHECK(e.code() == "quota.exceeded");
  }
  CHECK(f.quotas.asked == std::vector<std::string>{"maxGrayPlans"});
  CHECK(f.plans->get("org_1", plan.id).status == "draft");  // nothing changed
  CHECK(f.count("outbox", "topic", "gray_plan.started") == 0);

  f.quotas.max = 5;
  const auto started = f.plans->act(f.actor, "org_1", plan.id, gray::PlanAction::kStart);
  CHECK(started.status == "running");
  CHECK(started.signature == "signed:" + std::string(64, 'a'));  // the apps module signs the package
  // The operation-log entry and the event of the change, written together.
  CHECK(f.count("audit_log", "action", "gray_plan.started") == 1);
  CHECK(f.count("outbox", "topic", "gray_plan.started") == 1);
}

TEST_CASE("completing a plan releases its version through the apps module", "[unit][gray]") {
  Fixture f;
  const auto plan = f.create();
  f.plans->act(f.actor, "org_1", plan.id, gray::PlanAction::kStart);
  const auto done = f.plans->act(f.actor, "org_1", plan.id, gray::PlanAction::kComplete);
  CHECK(done.status == "completed");
  CHECK(f.apps.releases == std::vector<std::string>{"app_1@1.1.0"});
  CHECK(f.count("outbox", "topic", "gray_plan.completed") == 1);
}

TEST_CASE("a plan for a version the apps module does not know is refused", "[unit][gray]") {
  Fixture f;
  try {
    f.plans->create(f.actor, "org_1", "app_1", {.version = "9.9.9", .rule = nlohmann::json{{"groups", {{{"percentage", 5}}}}}});
    FAIL("expected apps.version_not_found");
  } catch (const core::Error& e) {
    CHECK(e.code() == "apps.version_not_found");
  }
  CHECK(f.count("audit_log", "action", "gray_plan.created") == 0);
}
