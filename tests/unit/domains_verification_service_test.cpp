// Business-domain verification without the network (issue 15): a fake fetcher answers what a
// host serves. The check needs exactly the organisation's content; the periodic re-check takes
// a verified host whose file went away out of the verified set and announces it, and leaves a
// host that still serves its file verified without writing an entry.
#include <catch2/catch.hpp>

#include "core/change_log.hpp"
#include "core/db.hpp"
#include "core/embedded.hpp"
#include "core/migrate.hpp"
#include "modules/domains/domain_service.hpp"
#include "support/fake_apps_api.hpp"
#include "modules/domains/verification_service.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace cove;

namespace {

class FakeApps final : public test::FakeAppsApi {
 public:
  bool app_exists(core::Conn&, const std::string& org_id, const std::string& app_id) const override {
    return org_id == "org_1" && app_id == "app_1";
  }
};

class FakeQuotas final : public accounts::Quotas {
 public:
  std::int64_t limit(core::Conn&, const std::string&, std::string_view) const override { return 20; }
  void ensure(core::Conn&, const std::string&, std::string_view, std::int64_t, std::int64_t) const override {}
};

// What each host serves: body by URL, or a fetch error.
class FakeFetcher final : public http::GuardedFetcher {
 public:
  http::FetchResult get(const std::string& url, const http::FetchOptions&) const override {
    urls.push_back(url);
    const auto it = files.find(url);
    if (it == files.end()) return {.ok = true, .status = 404, .body = "not found"};
    return {.ok = true, .status = 200, .body = it->second};
  }
  http::FetchResult send(const http::OutboundRequest&, const http::FetchOptions&) const override {
    return {.ok = false, .error = "failed", .message = "verification only GETs"};
  }
  std::map<std::string, std::string> files;
  mutable std::vector<std::string> urls;
};

struct Fixture {
  test::TempDir dir{"cove-domains-verify"};
  test::ManualClock clock;
  std::unique_ptr<core::Db> db;
  std::unique_ptr<core::Outbox> events;
  core::AuditLog audit{clock};
  std::unique_ptr<core::ChangeLog> changes;
  FakeApps apps;
  FakeQuotas quotas;
  FakeFetcher fetcher;
  std::unique_ptr<domains::DomainService> domains;
  std::unique_ptr<domains::VerificationService> verification;
  core::Actor actor = core::Actor::system("test");

  Fixture() {
    db = std::make_unique<core::Db>(core::DbOptions{.path = dir / "cove.db"});
    core::apply_migrations(*db, embedded_migrations::files());
    events = std::make_unique<core::Outbox>(*db, clock);
    changes = std::make_unique<core::ChangeLog>(audit, *events);
    domains = std::make_unique<domains::DomainService>(*db, *changes, clock, apps, quotas, domains::DomainPolicy{});
    verification = std::make_unique<domains::VerificationService>(*db, *changes, clock, apps, fetcher, "secret",
                                                                  domains::VerifyOptions{.recheck_ms = 3600 * 1000});
    domains->set_verified_check([this](core::Conn& c, const std::string& org, const std::string& host) {
      return verification->verified(c, org, host);
    });
    db->write([](core::Tx& tx) {
      tx.exec(
          "INSERT INTO orgs(id, name, license_no, contact_name, contact_email, contact_phone, status, created_ms, "
          "updated_ms) VALUES('org_1', 'Org', 'L1', 'C', 'c@x.example', '12345', 'active', 0, 0)");
      tx.exec("INSERT INTO apps(id, org_id, name, status, created_by, created_ms, updated_ms) "
              "VALUES('app_1', 'org_1', 'App', 'online', 'usr_1', 0, 0)");
    });
    domains::RawLists raw;
    raw[domains::kind_index(domains::DomainKind::kWebview)] = {"https://h5.example.com", "https://old.example.com"};
    raw[domains::kind_index(domains::DomainKind::kRequest)] = {"https://api.example.com"};
    domains->replace(actor, "org_1", "app_1", raw, "*");
  }

  std::string url(const std::string& host) const {
    return "https://" + host + "/" + verification->file_for("org_1").file_name;
  }
  std::int64_t count(const std::string& table, const std::string& column, const std::string& value) {
    return db->read([&](core::Conn& c) {
      return c.query_value<std::int64_t>("SELECT count(*) FROM " + table + " WHERE " + column + " = ?", value);
    });
  }
  std::vector<std::string> effective_webview() {
    return db->read([&](core::Conn& c) {
      return domains->effective(c, "org_1", "app_1")[domains::kind_index(domains::DomainKind::kWebview)];
    });
  }
};

}  // namespace

TEST_CASE("the verification file is stable per organisation and differs between them", "[unit][domains]") {
  Fixture f;
  const auto a = f.verification->file_for("org_1");
  CHECK(a.file_name == f.verification->file_for("org_1").file_name);
  CHECK(a.content == f.verification->file_for("org_1").content);
  CHECK(a.file_name != f.verification->file_for("org_2").file_name);
  CHECK(a.content != f.verification->file_for("org_2").content);
  CHECK(a.file_name.starts_with("cove-verify-"));
}

TEST_CASE("a business domain counts only once verified; a failed re-check takes it out", "[unit][domains]") {
  Fixture f;
  CHECK(f.effective_webview().empty());

  // Wrong content, then the right one (with the newline an editor adds).
  f.fetcher.files[f.url("h5.example.com")] = "something else";
  CHECK(f.verification->verify(f.actor, "org_1", "app_1", "h5.example.com").status == "failed");
  f.fetcher.files[f.url("h5.example.com")] = f.verification->file_for("org_1").content + "\r\n";
  const auto v = f.verification->verify(f.actor, "org_1", "app_1", "h5.example.com");
  CHECK(v.status == "verified");
  CHECK(f.effective_webview() == std::vector<std::string>{"https://h5.example.com"});
  CHECK(f.count("outbox", "topic", "webview_domain.verified") == 1);
  CHECK(f.count("outbox", "topic", "webview_domain.verification_failed") == 1);

  // An undeclared host is not checked at all.
  CHECK_THROWS_AS(f.verification->verify(f.actor, "org_1", "app_1", "other.example.com"), core::Error);

  // Not yet due: nothing is fetched.
  f.fetcher.urls.clear();
  CHECK(f.verification->recheck_due(10) == 0);
  CHECK(f.fetcher.urls.empty());

  // Due, still served: stays verified, no entry written.
  f.clock.advance(std::chrono::hours(2));
  const auto entries = f.count("audit_log", "target_type", "webview_domain");
  CHECK(f.verification->recheck_due(10) == 1);
  CHECK(f.fetcher.urls.size() == 1);
  CHECK(f.count("audit_log", "target_type", "webview_domain") == entries);
  CHECK(f.effective_webview() == std::vector<std::string>{"https://h5.example.com"});

  // Due, the file is gone: unverified, announced, out of the effective lists.
  f.clock.advance(std::chrono::hours(2));
  f.fetcher.files.clear();
  CHECK(f.verification->recheck_due(10) == 1);
  CHECK(f.effective_webview().empty());
  CHECK(f.count("outbox", "topic", "webview_domain.verification_failed") == 2);
  // A failed host is not re-checked by the job (a person verifies it again).
  f.clock.advance(std::chrono::hours(2));
  CHECK(f.verification->recheck_due(10) == 0);
}
