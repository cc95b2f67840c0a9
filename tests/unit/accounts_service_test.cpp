// The accounts services built alone, as the module builds them but without a server: a real
// SQLite database with the embedded migrations, and a fake accounts::Quotas whose limits the test
// sets. Proves that a service takes what it uses and nothing else, and checks what it writes.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/audit_log.hpp"
#include "core/change_log.hpp"
#include "core/db.hpp"
#include "core/error.hpp"
#include "core/migrate.hpp"
#include "core/outbox.hpp"
#include "modules/accounts/invitation_service.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/member_service.hpp"
#include "modules/accounts/org_repo.hpp"
#include "modules/accounts/user_repo.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

namespace accounts = cove::accounts;
namespace core = cove::core;

namespace {

// Limits set by the test; remembers what the service asked.
class FakeQuotas final : public accounts::Quotas {
 public:
  struct Ensured {
    std::string org_id, key;
    std::int64_t current = 0, adding = 0;
  };

  std::int64_t limit(core::Conn& /*c*/, const std::string& /*org_id*/, std::string_view key) const override {
    return limits.at(std::string(key));
  }
  void ensure(core::Conn& c, const std::string& org_id, std::string_view key, std::int64_t current,
              std::int64_t adding) const override {
    ensured.push_back({org_id, std::string(key), current, adding});
    const auto max = limit(c, org_id, key);
    if (current + adding > max) {
      throw core::Error(403, "quota.exceeded", "limit reached", {{"quota", key}, {"limit", max}, {"current", current}});
    }
  }

  std::map<std::string, std::int64_t> limits;
  mutable std::vector<Ensured> ensured;
};

struct Fixture {
  cove::test::TempDir dir{"cove-accounts-services"};
  cove::test::ManualClock clock;
  std::unique_ptr<core::Db> db = open();
  core::AuditLog audit{clock};
  core::Outbox outbox{*db, clock};
  core::ChangeLog changes{audit, outbox};
  accounts::SettingsService settings{*db, audit, clock};
  FakeQuotas quotas;
  accounts::LoginLockout lockout{changes, clock, settings};
  static constexpr core::password::Cost kCost{.log_n = 10};  // the cheapest cost the config allows
  accounts::PasswordService passwords{*db, changes, clock, settings, kCost, lockout};
  accounts::MemberService members{*db, changes, clock, settings, quotas, passwords, kCost};
  accounts::InvitationService invitations{*db, changes, clock, settings, quotas, kCost};

  const std::string org_id = "org_test";
  const std::string owner_id = "usr_owner";
  core::Actor owner;

  Fixture() {
    quotas.limits[std::string(accounts::kMaxMembers)] = 2;
    db->write([&](core::Tx& tx) {
      accounts::Org org;
      org.id = org_id;
      org.name = "Test Org";
      org.license_no = "LIC-1";
      org.status = "active";
      accounts::org_repo::insert(tx, org);
      auto user = accounts::new_account("owner@example.com", "Owner", "x", clock.unix_millis());
      user.id = owner_id;
      accounts::user_repo::insert(tx, user);
      accounts::member_repo::insert(tx, org_id, owner_id, "owner", clock.unix_millis());
    });
    auto p = std::make_shared<core::Principal>();
    p->kind = core::Principal::Kind::kUser;
    p->id = owner_id;
    p->name = "Owner";
    owner.principal = p;
  }

  std::unique_ptr<core::Db> open() {
    core::DbOptions o;
    o.path = dir / "cove.db";
    auto out = std::make_unique<core::Db>(o);
    core::apply_migrations(*out, cove::embedded_migrations::files());
    return out;
  }

  template <class... A>
  std::int64_t count(const std::string& sql, const A&... args) {
    return db->read([&](core::Conn& c) { return c.query_value<std::int64_t>(sql, args...); });
  }
  std::int64_t log_entries() { return count("SELECT count(*) FROM audit_log WHERE org_id = ?", org_id); }
  std::int64_t events() { return count("SELECT count(*) FROM outbox"); }

  accounts::NewMember member(const std::string& email) {
    return {.email = email, .name = "New Member", .role = "developer", .initial_password = "Str0ng-enough-pw"};
  }
};

std::string code_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const core::Error& e) {
    return e.code();
  }
  return "";
}

}  // namespace

TEST_CASE("adding members stops at the limit the Quotas give", "[unit][accounts][members]") {
  Fixture f;
  const auto added = f.members.add(f.owner, f.org_id, f.member("dev@example.com"));
  CHECK(added.role == "developer");

  // The organisation now has two members, the fake's limit: the service asks with the real count.
  CHECK(code_of([&] { f.members.add(f.owner, f.org_id, f.member("third@example.com")); }) == "quota.exceeded");
  REQUIRE_FALSE(f.quotas.ensured.empty());
  const auto& last = f.quotas.ensured.back();
  CHECK(last.org_id == f.org_id);
  CHECK(last.key == accounts::kMaxMembers);
  CHECK(last.current == 2);
  CHECK(last.adding == 1);
  CHECK(f.count("SELECT count(*) FROM users WHERE email = ?", "third@example.com") == 0);

  f.quotas.limits[std::string(accounts::kMaxMembers)] = 3;
  CHECK(f.members.add(f.owner, f.org_id, f.member("third@example.com")).email == "third@example.com");
}

TEST_CASE("a member change writes its operation-log entry and its event together", "[unit][accounts][members]") {
  Fixture f;
  const auto added = f.members.add(f.owner, f.org_id, f.member("dev@example.com"));

  const auto entry = f.db->read([&](core::Conn& c) {
    return c.query_value<std::string>(
        "SELECT action || ' ' || target_id || ' ' || after_json FROM audit_log WHERE org_id = ? ORDER BY id DESC",
        f.org_id);
  });
  CHECK(entry == "member.created " + added.user_id +
                     R"( {"email":"dev@example.com","name":"New Member","role":"developer"})");
  const auto event = f.db->read([](core::Conn& c) {
    return c.query_value<std::string>("SELECT topic || ' ' || payload FROM outbox ORDER BY id DESC");
  });
  CHECK(event == R"(member.added {"orgId":"org_test","role":"developer","userId":")" + added.user_id + R"("})");

  f.members.change_role(f.owner, f.org_id, added.user_id, "admin");
  CHECK(f.log_entries() == 2);
  CHECK(f.events() == 2);

  // Refused (the last owner stays): neither the entry nor the event is written.
  CHECK(code_of([&] { f.members.change_role(f.owner, f.org_id, f.owner_id, "viewer"); }) == "members.last_owner");
  f.members.remove(f.owner, f.org_id, added.user_id);
  CHECK(f.log_entries() == 3);
  CHECK(f.events() == 3);
  CHECK(f.db->read([](core::Conn& c) {
    return c.query_value<std::string>("SELECT topic FROM outbox ORDER BY id DESC");
  }) == "member.removed");
}

TEST_CASE("an invitation accepted over the limit leaves no account behind", "[unit][accounts][invitations]") {
  Fixture f;
  const auto created = f.invitations.create(f.owner, f.org_id, "guest@example.com", "viewer");
  CHECK(f.quotas.ensured.back().current == 1);

  // The limit fell after the invitation was sent: accepting creates the account, then meets the
  // limit, and the whole transaction rolls back.
  f.quotas.limits[std::string(accounts::kMaxMembers)] = 1;
  core::Actor guest;
  CHECK(code_of([&] {
          f.invitations.accept(guest, created.token, accounts::NewAccount{"Guest", "Str0ng-enough-pw"});
        }) == "quota.exceeded");
  CHECK(f.count("SELECT count(*) FROM users WHERE email = ?", "guest@example.com") == 0);
  CHECK(f.invitations.preview(created.token).email == "guest@example.com");  // still pending
  CHECK(f.events() == 0);

  f.quotas.limits[std::string(accounts::kMaxMembers)] = 2;
  const auto accepted =
      f.invitations.accept(guest, created.token, accounts::NewAccount{"Guest", "Str0ng-enough-pw"});
  CHECK(accepted.account_created);
  CHECK(f.db->read([](core::Conn& c) {
    return c.query_value<std::string>("SELECT topic FROM outbox ORDER BY id DESC");
  }) == "member.added");
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = ?", "invitation.accepted") == 1);
}
