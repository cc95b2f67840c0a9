// The apps services built alone, as the module contract promises (DESIGN.md §3): a real SQLite
// database in a temp directory with the embedded migrations, and a fake accounts::Quotas in place
// of the accounts module, so the limit a create meets is the fake's.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/audit_log.hpp"
#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/crypto.hpp"
#include "core/db.hpp"
#include "core/embedded.hpp"
#include "core/error.hpp"
#include "core/migrate.hpp"
#include "core/outbox.hpp"
#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/app_service.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/host_app_service.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace cove;

namespace {

// Limits set by the test; remembers what it was asked to enforce.
class FakeQuotas final : public accounts::Quotas {
 public:
  std::int64_t max_apps = 2;
  std::int64_t max_host_apps = 1;
  mutable std::vector<std::pair<std::string, std::int64_t>> ensured;  // (key, current)

  std::int64_t limit(core::Conn& /*c*/, const std::string& /*org_id*/, std::string_view key) const override {
    if (key == apps::quotas::kMaxApps) return max_apps;
    if (key == apps::quotas::kMaxHostApps) return max_host_apps;
    return 0;
  }
  void ensure(core::Conn& c, const std::string& org_id, std::string_view key, std::int64_t current,
              std::int64_t adding) const override {
    ensured.emplace_back(std::string(key), current);
    const auto max = limit(c, org_id, key);
    if (current + adding > max) {
      throw core::Error(403, "quota.exceeded", "The fake's limit",
                        {{"quota", key}, {"limit", max}, {"current", current}});
    }
  }
};

struct ServiceWorld {
  test::TempDir dir{"cove-apps-service"};
  test::ManualClock clock;
  std::unique_ptr<core::Db> db = open_db(dir);
  core::BlobStore blobs{dir / "blobs"};
  core::Outbox outbox{*db, clock};
  core::AuditLog audit{clock};
  core::ChangeLog changes{audit, outbox};
  FakeQuotas quotas;
  core::Actor actor = developer();

  ServiceWorld() {
    db->write([](core::Tx& tx) {
      tx.exec(
          "INSERT INTO orgs (id, name, license_no, contact_name, contact_email, contact_phone, status, "
          "created_ms, "
          "updated_ms) VALUES ('org_1', 'Org', 'LIC-1', 'Ann', 'ann@example.com', '+1 555 0100', 'active', "
          "0, 0)");
    });
  }

  static std::unique_ptr<core::Db> open_db(const test::TempDir& dir) {
    auto db = std::make_unique<core::Db>(core::DbOptions{.path = dir / "cove.db"});
    core::apply_migrations(*db, embedded_migrations::files());
    return db;
  }
  static core::Actor developer() {
    auto p = std::make_shared<core::Principal>();
    p->kind = core::Principal::Kind::kUser;
    p->id = "usr_dev";
    p->name = "Dev";
    return core::Actor{
        .principal = std::move(p), .ip = "192.0.2.1", .user_agent = "test", .request_id = "req_1"};
  }

  std::int64_t count(const std::string& sql, const std::string& arg) {
    return db->read([&](core::Conn& c) { return c.query_value<std::int64_t>(sql, arg); });
  }
  std::int64_t audit_entries(const std::string& action) {
    return count("SELECT count(*) FROM audit_log WHERE action = ?", action);
  }
  std::int64_t events(const std::string& topic) {
    return count("SELECT count(*) FROM outbox WHERE topic = ?", topic);
  }
  std::vector<nlohmann::json> payloads(const std::string& topic) {
    return db->read([&](core::Conn& c) {
      return c.query_all<nlohmann::json>("SELECT payload FROM outbox WHERE topic = ? ORDER BY id", topic);
    });
  }
};

apps::AppFields named(std::string name) {
  apps::AppFields f;
  f.name = std::move(name);
  return f;
}

}  // namespace

TEST_CASE("app service: maxApps is the injected Quotas' limit", "[apps][app_service]") {
  ServiceWorld w;
  apps::AppService service(*w.db, w.changes, w.clock, w.blobs, w.quotas);

  service.create(w.actor, "org_1", named("One"));
  service.create(w.actor, "org_1", named("Two"));
  try {
    service.create(w.actor, "org_1", named("Three"));
    FAIL("the third mini-program passed a limit of 2");
  } catch (const core::Error& e) {
    CHECK(e.status() == 403);
    CHECK(e.code() == "quota.exceeded");
    CHECK(e.details()["limit"] == 2);
    CHECK(e.details()["current"] == 2);
  }
  // Asked inside each create's transaction, with the count of what the organisation has.
  CHECK(w.quotas.ensured ==
        std::vector<std::pair<std::string, std::int64_t>>{{"maxApps", 0}, {"maxApps", 1}, {"maxApps", 2}});
  // The refused create left nothing behind: no row, no entry, no event.
  CHECK(w.count("SELECT count(*) FROM apps WHERE org_id = ?", "org_1") == 2);
  CHECK(w.audit_entries("app.created") == 2);
  CHECK(w.events("app.created") == 2);

  w.quotas.max_apps = 3;
  CHECK_NOTHROW(service.create(w.actor, "org_1", named("Three")));
}

TEST_CASE("app service: a create writes its operation-log entry and its event together",
          "[apps][app_service]") {
  ServiceWorld w;
  apps::AppService service(*w.db, w.changes, w.clock, w.blobs, w.quotas);

  const auto app = service.create(w.actor, "org_1", named("Wallet"));

  const auto entry = w.db->read([&](core::Conn& c) {
    return c.query_one<std::string>(
        "SELECT org_id || ' ' || target_type || ' ' || target_id || ' ' || actor_id || ' ' || request_id "
        "FROM audit_log WHERE action = 'app.created'");
  });
  CHECK(entry == "org_1 app " + app.id + " usr_dev req_1");
  CHECK(w.payloads("app.created") == std::vector{nlohmann::json{{"orgId", "org_1"}, {"appId", app.id}}});
  // One entry and one event, nothing else.
  CHECK(w.count("SELECT count(*) FROM audit_log WHERE target_id = ?", app.id) == 1);
  CHECK(w.count("SELECT count(*) FROM outbox WHERE topic <> ?", "app.created") == 0);
}

TEST_CASE("host app service: maxHostApps from the injected Quotas; events say what changed",
          "[apps][host_app_service]") {
  ServiceWorld w;
  const core::SealedBox sealed(core::crypto::random_bytes(32));
  apps::HostAppService service(*w.db, w.changes, w.clock, w.quotas, sealed);
  apps::HostAppFields fields;
  fields.name = "Wallet host";
  fields.bundles = std::vector{apps::BundleId{"ios", "com.example.wallet"}};

  const auto created = service.create(w.actor, "org_1", fields);
  CHECK_THROWS_WITH(service.create(w.actor, "org_1", fields), "The fake's limit");
  CHECK(w.quotas.ensured ==
        std::vector<std::pair<std::string, std::int64_t>>{{"maxHostApps", 0}, {"maxHostApps", 1}});
  CHECK(w.audit_entries("host_app.created") == 1);

  const auto id = created.host_app.id;
  service.rotate_secret(w.actor, "org_1", id);
  CHECK(w.payloads("host_app.created") ==
        std::vector{nlohmann::json{{"orgId", "org_1"}, {"hostAppId", id}, {"change", ""}}});
  // A rotation is logged under its own action and announced as an update of the secret.
  CHECK(w.audit_entries("host_app.secret_rotated") == 1);
  CHECK(w.payloads("host_app.updated") ==
        std::vector{nlohmann::json{{"orgId", "org_1"}, {"hostAppId", id}, {"change", "secret"}}});
}
