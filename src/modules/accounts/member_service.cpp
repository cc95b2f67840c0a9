#include "modules/accounts/member_service.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/password.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/session_repo.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

core::Error member_not_found() { return core::Error::not_found("members.not_found", "No such member"); }

core::Error owner_required() {
  return core::Error(403, "members.owner_required",
                     "Only an owner can grant, remove or reset the owner role");
}

core::Error last_owner() {
  return core::Error::conflict("members.last_owner", "An organisation must keep at least one owner");
}

// API keys never hold the owner role: owner-only changes need a signed-in owner.
bool is_owner(core::Conn& c, const core::Actor& actor, const std::string& org_id) {
  return actor.principal->kind == core::Principal::Kind::kUser &&
         member_repo::role_of(c, org_id, actor.principal->id) == "owner";
}

// A uniformly random character of `alphabet`, by rejection sampling.
char random_char(std::string_view alphabet) {
  const auto limit = static_cast<unsigned>(256 - 256 % alphabet.size());
  for (;;) {
    const auto b = static_cast<unsigned char>(core::crypto::random_bytes(1)[0]);
    if (b < limit) return alphabet[b % alphabet.size()];
  }
}

}  // namespace

std::string generate_temporary_password(int min_length) {
  static constexpr std::array<std::string_view, 4> kClasses = {
      "abcdefghijkmnopqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "-_.!@#%+="};
  static constexpr std::string_view kAll =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!@#%+=";
  const auto length = static_cast<std::size_t>(std::max(min_length, 16));
  std::string out;
  for (const auto& cls : kClasses) out.push_back(random_char(cls));
  while (out.size() < length) out.push_back(random_char(kAll));
  // Fisher–Yates with the CSPRNG, so the guaranteed classes do not sit at the front.
  for (std::size_t i = out.size() - 1; i > 0; --i) {
    std::uint32_t r = 0;
    const auto bytes = core::crypto::random_bytes(4);
    std::memcpy(&r, bytes.data(), 4);
    std::swap(out[i], out[r % (i + 1)]);
  }
  return out;
}

std::vector<Member> MemberService::list(const std::string& org_id, const std::optional<std::string>& role,
                                        const core::PageRequest& page) const {
  return ctx_.app.db.read([&](core::Conn& c) { return member_repo::list(c, org_id, role, page); });
}

Member MemberService::get(const std::string& org_id, const std::string& user_id) const {
  auto m = ctx_.app.db.read([&](core::Conn& c) { return member_repo::find(c, org_id, user_id); });
  if (!m) throw member_not_found();
  return *m;
}

Member MemberService::add(const core::Actor& actor, const std::string& org_id, const NewMember& m) {
  const auto security = ctx_.settings.security();
  const auto refuse_early = [&](core::Conn& c) {
    if (m.role == "owner" && !is_owner(c, actor, org_id)) throw owner_required();
    if (user_repo::find_by_email(c, m.email)) {
      throw core::Error::conflict("members.account_exists",
                                  "An account with this email already exists; invite it instead");
    }
    ctx_.quotas.ensure(c, org_id, kMaxMembers, member_repo::count(c, org_id));
  };
  ctx_.app.db.read([&](core::Conn& c) {
    core::FieldErrors errors;
    check_new_password(c, *security, m.initial_password, "", "initialPassword", errors);
    errors.throw_if_any();
    refuse_early(c);
  });
  const auto hash = core::password::hash(m.initial_password, ctx_.password_cost);
  const auto now = ctx_.app.clock.unix_millis();
  User u;
  u.id = core::new_id("usr");
  u.email = m.email;
  u.name = m.name;
  u.password_hash = hash;
  u.must_change_password = true;
  u.password_changed_ms = u.created_ms = u.updated_ms = now;
  ctx_.app.db.write([&](core::Tx& tx) {
    refuse_early(tx);  // again: the answers may have changed while the password was hashed
    user_repo::insert(tx, u);
    member_repo::insert(tx, org_id, u.id, m.role, now);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "member.created",
                           .target_type = "user",
                           .target_id = u.id,
                           .after = {{"email", u.email}, {"name", u.name}, {"role", m.role}}});
    ctx_.app.events.emit(tx, "member.added", {{"orgId", org_id}, {"userId", u.id}, {"role", m.role}});
  });
  return get(org_id, u.id);
}

Member MemberService::change_role(const core::Actor& actor, const std::string& org_id,
                                  const std::string& user_id, const std::string& role) {
  ctx_.app.db.write([&](core::Tx& tx) {
    const auto current = member_repo::role_of(tx, org_id, user_id);
    if (!current) throw member_not_found();
    if (*current == role) return;
    if ((role == "owner" || *current == "owner") && !is_owner(tx, actor, org_id)) throw owner_required();
    if (*current == "owner" && member_repo::count_owners(tx, org_id) <= 1) throw last_owner();
    member_repo::set_role(tx, org_id, user_id, role);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "member.role_changed",
                           .target_type = "user",
                           .target_id = user_id,
                           .before = {{"role", *current}},
                           .after = {{"role", role}}});
    ctx_.app.events.emit(tx, "member.role_changed", {{"orgId", org_id}, {"userId", user_id}, {"role", role}});
  });
  return get(org_id, user_id);
}

void MemberService::remove(const core::Actor& actor, const std::string& org_id, const std::string& user_id) {
  ctx_.app.db.write([&](core::Tx& tx) {
    const auto current = member_repo::role_of(tx, org_id, user_id);
    if (!current) throw member_not_found();
    if (*current == "owner") {
      if (!is_owner(tx, actor, org_id)) throw owner_required();
      if (member_repo::count_owners(tx, org_id) <= 1) throw last_owner();
    }
    member_repo::remove(tx, org_id, user_id);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "member.removed",
                           .target_type = "user",
                           .target_id = user_id,
                           .before = {{"role", *current}}});
    ctx_.app.events.emit(tx, "member.removed", {{"orgId", org_id}, {"userId", user_id}});
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
      throw core::Error::conflict(
          "members.reset_not_allowed",
          "This account also belongs to other organisations or operates the platform; "
          "its password can only be reset by a platform operator");
    }
  };
  ctx_.app.db.read(check);
  const auto password = generate_temporary_password(ctx_.settings.security()->password_min_length);
  const auto hash = core::password::hash(password, ctx_.password_cost);
  ctx_.app.db.write([&](core::Tx& tx) {
    check(tx);
    const auto now = ctx_.app.clock.unix_millis();
    user_repo::set_password(tx, user_id, hash, /*must_change=*/true, now);
    const auto ended = session_repo::revoke_all_for_user(tx, user_id, now, "password_reset");
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "member.password_reset",
                           .target_type = "user",
                           .target_id = user_id,
                           .after = {{"mustChangePassword", true}, {"sessionsRevoked", ended}}});
  });
  return password;
}

}  // namespace cove::accounts
