#include "modules/accounts/member_service.hpp"

#include "core/error.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

using errors::member_not_found;

core::Error owner_required() {
  return core::Error(403, "members.owner_required", "Only an owner can grant, remove or reset the owner role");
}

core::Error last_owner() {
  return core::Error::conflict("members.last_owner", "An organisation must keep at least one owner");
}

// API keys never hold the owner role: owner-only changes need a signed-in owner.
bool is_owner(core::Conn& c, const core::Actor& actor, const std::string& org_id) {
  return actor.principal->kind == core::Principal::Kind::kUser &&
         member_repo::role_of(c, org_id, actor.principal->id) == "owner";
}

// The operation-log entry of a change to one member.
core::AuditEntry member_entry(const std::string& org_id, const std::string& user_id, nlohmann::json before,
                              nlohmann::json after) {
  return {.org_id = org_id,
          .target_type = "user",
          .target_id = user_id,
          .before = std::move(before),
          .after = std::move(after)};
}

}  // namespace

core::Page<Member> MemberService::list(const std::string& org_id, const std::optional<std::string>& role,
                                        const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return member_repo::list(c, org_id, role, page); });
}

Member MemberService::get(const std::string& org_id, const std::string& user_id) const {
  auto m = db_.read([&](core::Conn& c) { return member_repo::find(c, org_id, user_id); });
  if (!m) throw member_not_found();
  return *m;
}

Member MemberService::add(const core::Actor& actor, const std::string& org_id, const NewMember& m) {
  const auto security = settings_.security();
  const auto refuse_early = [&](core::Conn& c) {
    if (m.role == "owner" && !is_owner(c, actor, org_id)) throw owner_required();
    if (user_repo::find_by_email(c, m.email)) {
      throw core::Error::conflict("members.account_exists",
                                  "An account with this email already exists; invite it instead");
    }
    quotas_.ensure(c, org_id, kMaxMembers, member_repo::count(c, org_id));
  };
  db_.read([&](core::Conn& c) {
    require_new_password(c, *security, m.initial_password, "initialPassword");
    refuse_early(c);
  });
  const auto hash = core::password::hash(m.initial_password, password_cost_);
  const auto now = clock_.unix_millis();
  auto u = new_account(m.email, m.name, hash, now);
  u.must_change_password = true;
  db_.write([&](core::Tx& tx) {
    refuse_early(tx);  // again: the answers may have changed while the password was hashed
    user_repo::insert(tx, u);
    member_repo::insert(tx, org_id, u.id, m.role, now);
    auto entry = member_entry(org_id, u.id, nullptr, {{"email", u.email}, {"name", u.name}, {"role", m.role}});
    entry.action = "member.created";
    changes_.record(tx, actor, events::MemberAdded{org_id, u.id, m.role}, std::move(entry));
  });
  return get(org_id, u.id);
}

Member MemberService::change_role(const core::Actor& actor, const std::string& org_id, const std::string& user_id,
                                  const std::string& role) {
  db_.write([&](core::Tx& tx) {
    const auto current = member_repo::role_of(tx, org_id, user_id);
    if (!current) throw member_not_found();
    if (*current == role) return;
    if ((role == "owner" || *current == "owner") && !is_owner(tx, actor, org_id)) throw owner_required();
    if (*current == "owner" && member_repo::count_owners(tx, org_id) <= 1) throw last_owner();
    member_repo::set_role(tx, org_id, user_id, role);
    changes_.record(tx, actor, events::MemberRoleChanged{org_id, user_id, role},
                    member_entry(org_id, user_id, {{"role", *current}}, {{"role", role}}));
  });
  return get(org_id, user_id);
}

void MemberService::remove(const core::Actor& actor, const std::string& org_id, const std::string& user_id) {
  db_.write([&](core::Tx& tx) {
    const auto current = member_repo::role_of(tx, org_id, user_id);
    if (!current) throw member_not_found();
    if (*current == "owner") {
      if (!is_owner(tx, actor, org_id)) throw owner_required();
      if (member_repo::count_owners(tx, org_id) <= 1) throw last_owner();
    }
    member_repo::remove(tx, org_id, user_id);
    changes_.record(tx, actor, events::MemberRemoved{org_id, user_id},
                    member_entry(org_id, user_id, {{"role", *current}}, nullptr));
  });
}

std::string MemberService::reset_password(const core::Actor& actor, const std::string& org_id,
                                          const std::string& user_id) {
  const auto check = [&](core::Conn& c) {
    const auto role = member_repo::role_of(c, org_id, user_id);
    if (!role) throw member_not_found();
    if (*role == "owner" && !is_owner(c, actor, org_id)) throw owner_required();
    const auto user = user_repo::find_by_id(c, user_id);
    if (!user) throw member_not_found();
    if (!user->platform_role.empty() || member_repo::count_other_orgs(c, org_id, user_id) > 0) {
      throw core::Error::conflict("members.reset_not_allowed",
                                  "This account also belongs to other organisations or operates the platform; "
                                  "its password can only be reset by a platform operator");
    }
  };
  return passwords_.reset(actor, user_id, {.org_id = org_id, .action = "member.password_reset", .check = check});
}

}  // namespace cove::accounts
