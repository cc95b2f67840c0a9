#include "modules/accounts/invitation_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/password.hpp"
#include "modules/accounts/invitation_repo.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/org_repo.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;

bool same_email(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

core::Error account_exists() {
  return core::Error::conflict("invitations.account_exists",
                               "An account with this email exists: sign in, then accept the invitation");
}

}  // namespace

Invitation InvitationService::find_usable(core::Conn& c, const std::string& token) const {
  auto inv = invitation_repo::find_by_token_hash(c, core::crypto::sha256_hex(token));
  if (!inv) throw errors::invitation_not_found();
  const auto status = invitation_status(*inv, now_ms());
  if (status != "pending") {
    throw core::Error(410, "invitations.gone", "This invitation was already used, revoked or has expired",
                      {{"status", status}});
  }
  return *inv;
}

CreatedInvitation InvitationService::create(const core::Actor& actor, const std::string& org_id,
                                            const std::string& email, const std::string& role) {
  const auto now = now_ms();
  CreatedInvitation out;
  out.token = core::crypto::base64url(core::crypto::random_bytes(32));
  auto& inv = out.invitation;
  inv.id = core::new_id("inv");
  inv.org_id = org_id;
  inv.email = email;
  inv.role = role;
  inv.invited_by = actor.principal->id;
  inv.invited_by_name = actor.principal->name;
  inv.created_ms = now;
  inv.expires_ms = now + settings_.security()->invitation_ttl_hours * kHourMs;
  db_.write([&](core::Tx& tx) {
    if (const auto user = user_repo::find_by_email(tx, email);
        user && member_repo::role_of(tx, org_id, user->id)) {
      throw core::Error::conflict("invitations.already_member", "This person is already a member");
    }
    if (invitation_repo::has_pending(tx, org_id, email, now)) {
      throw core::Error::conflict("invitations.already_pending",
                                  "This email already has a pending invitation; revoke it to send a new one");
    }
    quotas_.ensure(tx, org_id, kMaxMembers, member_repo::count(tx, org_id));
    invitation_repo::insert(tx, inv, core::crypto::sha256_hex(out.token));
    changes_.record(tx, actor,
                    {.org_id = org_id,
                     .action = "invitation.created",
                     .target_type = "invitation",
                     .target_id = inv.id,
                     .after = {{"email", email},
                               {"role", role},
                               {"expiresAt", core::format_rfc3339_millis(inv.expires_ms)}}});
    if (!listeners_.empty()) {
      const auto names = org_repo::names(tx, {org_id});
      const auto name = names.contains(org_id) ? names.at(org_id) : org_id;
      const InvitationCreated created{inv.id, org_id, name, email, role, out.token, inv.invited_by,
                                      inv.invited_by_name, inv.expires_ms};
      for (const auto& listener : listeners_) listener(tx, created);
    }
  });
  return out;
}

core::Page<Invitation> InvitationService::list(const std::string& org_id,
                                                const std::optional<std::string>& status,
                                                const core::PageRequest& page) const {
  return db_.read(
      [&](core::Conn& c) { return invitation_repo::list(c, org_id, status, now_ms(), page); });
}

void InvitationService::revoke(const core::Actor& actor, const std::string& org_id,
                               const std::string& invitation_id) {
  db_.write([&](core::Tx& tx) {
    const auto inv = invitation_repo::find(tx, org_id, invitation_id);
    if (!inv) throw errors::invitation_not_found();
    if (!invitation_repo::revoke(tx, invitation_id, now_ms())) {
      throw core::Error::conflict("invitations.not_pending", "Only a pending invitation can be revoked");
    }
    changes_.record(tx, actor,
                    {.org_id = org_id,
                     .action = "invitation.revoked",
                     .target_type = "invitation",
                     .target_id = invitation_id,
                     .before = {{"email", inv->email}, {"role", inv->role}}});
  });
}

InvitationPreview InvitationService::preview(const std::string& token) const {
  return db_.read([&](core::Conn& c) {
    const auto inv = find_usable(c, token);
    const auto org = org_repo::find(c, inv.org_id);
    return InvitationPreview{inv.org_id,     org ? org->name : "",
                             inv.email,      inv.role,
                             inv.expires_ms, user_repo::find_by_email(c, inv.email).has_value()};
  });
}

AcceptedInvitation InvitationService::accept(const core::Actor& actor, const std::string& token,
                                             const std::optional<NewAccount>& account) {
  const auto& who = *actor.principal;
  if (who.kind == core::Principal::Kind::kApiKey) {
    throw core::Error::forbidden("Invitations are accepted by people, not API keys");
  }
  const bool signed_in = who.kind == core::Principal::Kind::kUser;
  if (!signed_in && !account) throw std::logic_error("accepting as a guest needs the new account's fields");

  // A guest's password is checked and hashed before the write (slow by design).
  std::string hash;
  if (!signed_in) {
    const auto security = settings_.security();
    db_.read([&](core::Conn& c) {
      const auto inv = find_usable(c, token);
      if (user_repo::find_by_email(c, inv.email)) throw account_exists();
      require_new_password(c, *security, account->password, "password");
    });
    hash = core::password::hash(account->password, password_cost_);
  }

  return db_.write([&](core::Tx& tx) {
    const auto inv = find_usable(tx, token);
    const auto now = now_ms();
    AcceptedInvitation out{inv.org_id, "", inv.role, !signed_in};
    if (signed_in) {
      const auto user = user_repo::find_by_id(tx, who.id);
      if (!user || !same_email(user->email, inv.email)) {
        throw core::Error(403, "invitations.email_mismatch",
                          "This invitation is for another email address; sign in with that account");
      }
      if (member_repo::role_of(tx, inv.org_id, user->id)) {
        throw core::Error::conflict("invitations.already_member",
                                    "You are already a member of this organisation");
      }
      out.user_id = user->id;
    } else {
      if (user_repo::find_by_email(tx, inv.email)) throw account_exists();
      const auto u = new_account(inv.email, account->name, hash, now);
      user_repo::insert(tx, u);
      out.user_id = u.id;
    }
    quotas_.ensure(tx, inv.org_id, kMaxMembers, member_repo::count(tx, inv.org_id));
    invitation_repo::mark_accepted(tx, inv.id, out.user_id, now);
    member_repo::insert(tx, inv.org_id, out.user_id, inv.role, now);
    // The invitee is the actor; a guest's actor names nobody, so the entry says who joined.
    changes_.record(tx, actor, events::MemberAdded{inv.org_id, out.user_id, inv.role},
                    {.org_id = inv.org_id,
                     .action = "invitation.accepted",
                     .target_type = "invitation",
                     .target_id = inv.id,
                     .after = {{"userId", out.user_id},
                               {"email", inv.email},
                               {"role", inv.role},
                               {"accountCreated", out.account_created}}});
    return out;
  });
}

}  // namespace cove::accounts
