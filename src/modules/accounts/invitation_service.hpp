#pragma once
// Invitations: an administrator invites an email address with a role; whoever holds the link
// joins the organisation — with a new account, or with their existing one when signed in as
// that email. Tokens are 256-bit random, stored as SHA-256, expire after the security setting
// invitationTtlHours and work once. The inviter gets the link; listeners (the notify module's
// e-mail) get it inside the creating transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/password.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/accounts/invitation_model.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

struct CreatedInvitation {
  Invitation invitation;
  std::string token;  // shown once
};

// What the invitation page shows before the invitee decides.
struct InvitationPreview {
  std::string org_id;
  std::string org_name;
  std::string email;
  std::string role;
  std::int64_t expires_ms = 0;
  bool account_exists = false;
};

struct NewAccount {
  std::string name;
  std::string password;
};

struct AcceptedInvitation {
  std::string org_id;
  std::string user_id;
  std::string role;
  bool account_created = false;
};

class InvitationService {
 public:
  // `quotas` holds maxMembers; `password_cost` hashes the password of an account made on accepting.
  InvitationService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock,
                    const SettingsService& settings, const Quotas& quotas, core::password::Cost password_cost)
      : db_(db),
        changes_(changes),
        clock_(clock),
        settings_(settings),
        quotas_(quotas),
        password_cost_(password_cost) {}

  // 409 invitations.already_member / invitations.already_pending; 403 quota.exceeded.
  CreatedInvitation create(const core::Actor& actor, const std::string& org_id, const std::string& email,
                           const std::string& role);
  core::Page<Invitation> list(const std::string& org_id, const std::optional<std::string>& status,
                               const core::PageRequest& page) const;
  // 404 invitations.not_found; 409 invitations.not_pending.
  void revoke(const core::Actor& actor, const std::string& org_id, const std::string& invitation_id);
  // 404 for an unknown token, 410 invitations.gone once used, revoked or expired.
  InvitationPreview preview(const std::string& token) const;
  // A signed-in user (no `account`) joins with their account if its email matches (403
  // invitations.email_mismatch otherwise); a guest creates an account from `account` (409
  // invitations.account_exists when the email has one: sign in first). Hashes: blocking.
  AcceptedInvitation accept(const core::Actor& actor, const std::string& token,
                            const std::optional<NewAccount>& account);

  std::int64_t now_ms() const { return clock_.unix_millis(); }
  // Registered while modules are built, before any request.
  void add_listener(InvitationListener listener) { listeners_.push_back(std::move(listener)); }

 private:
  Invitation find_usable(core::Conn& c, const std::string& token) const;
  std::vector<InvitationListener> listeners_;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  const Quotas& quotas_;
  core::password::Cost password_cost_;
};

}  // namespace cove::accounts
