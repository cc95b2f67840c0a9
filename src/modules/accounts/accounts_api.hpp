#pragma once
// What the accounts module offers the modules after it (DESIGN.md §1): quota checks against the
// limits the QuotaRegistry declares, which organisations may be served, the events others react
// to and the errors they share. Identity, permissions and org resolvers reach other modules
// through the registries on the AppContext, not through this header.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/db.hpp"
#include "core/error.hpp"
#include "core/event_type.hpp"
#include "core/principal.hpp"

namespace cove::accounts {

// The quota this module declares (modules/platform/quota_registry.hpp).
inline constexpr std::string_view kMaxMembers = "maxMembers";

// Organisation quotas (modules/platform/quota_registry.hpp declares them).
class Quotas {
 public:
  virtual ~Quotas() = default;
  // The organisation's limit for `key`: its override if an operator set one, else the platform's.
  virtual std::int64_t limit(core::Conn& c, const std::string& org_id, std::string_view key) const = 0;
  // Throws 403 `quota.exceeded` with details {quota, limit, current} when `current + adding`
  // would pass the limit. Call inside the transaction that adds, so two concurrent creates cannot
  // both slip under it (writes are serialised).
  virtual void ensure(core::Conn& c, const std::string& org_id, std::string_view key, std::int64_t current,
                      std::int64_t adding = 1) const = 0;
};

// An invitation just created, with its token: what a later module needs to e-mail the link.
// Handed to the listeners inside the creating transaction (the token exists nowhere else).
struct InvitationCreated {
  std::string invitation_id, org_id, org_name, email, role, token, invited_by, invited_by_name;
  std::int64_t expires_ms = 0;
};
using InvitationListener = std::function<void(core::Tx&, const InvitationCreated&)>;

// Someone a notification may be addressed to (an active account).
struct Recipient {
  std::string user_id, email, name;
};

class AccountsApi {
 public:
  virtual ~AccountsApi() = default;
  virtual const Quotas& quotas() const = 0;
  // Organisations whose members may work and whose mini-programs may be served (status active).
  virtual std::unordered_set<std::string> active_org_ids(core::Conn& c) const = 0;
  // The names of the organisations among `org_ids` (at most one page of a list); unknown ids are
  // left out. For operator lists that show whose a row is.
  virtual std::unordered_map<std::string, std::string> org_names(core::Conn& c,
                                                                 const std::vector<std::string>& org_ids) const = 0;
  // Active accounts among the organisation's members whose role is one of `roles` (owner, admin,
  // developer, viewer), oldest membership first.
  virtual std::vector<Recipient> org_recipients(core::Conn& c, const std::string& org_id,
                                                const std::vector<std::string>& roles) const = 0;
  // Active platform operators whose role is one of `roles` (platform_admin, platform_reviewer).
  virtual std::vector<Recipient> operator_recipients(core::Conn& c, const std::vector<std::string>& roles) const = 0;
  // One active account; nullopt for an unknown or disabled one.
  virtual std::optional<Recipient> recipient(core::Conn& c, const std::string& user_id) const = 0;
  // The platform's name as the operators branded it (e-mails sign with it).
  virtual std::string product_name() const = 0;
  // The active account with this e-mail address (case-insensitive), for "forgot password".
  virtual std::optional<Recipient> recipient_by_email(core::Conn& c, const std::string& email) const = 0;
  // Sets a new password proven by an e-mailed single-use link that the caller checked: the
  // password policy applies (400 validation_failed at `newPassword`), every session of the
  // account ends, and the change is logged and announced. Slow (hashing): blocking routes only.
  virtual void set_password_by_email_proof(const core::Actor& actor, const std::string& user_id,
                                           const std::string& new_password) = 0;
  // Called inside each invitation's creating transaction (register while modules are built); a
  // listener that throws refuses the invitation.
  virtual void add_invitation_listener(InvitationListener listener) = 0;
};

// Events of the accounts module (outbox topics, payloads in camelCase JSON).
namespace events {

struct OrgRegistered {
  static constexpr std::string_view kTopic = "org.registered";
  std::string org_id, name, owner_id;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &OrgRegistered::org_id), core::field("name", &OrgRegistered::name),
                      core::field("ownerId", &OrgRegistered::owner_id)};
  }
};

// The profile, 2FA policy or an operator's 2FA requirement changed.
struct OrgUpdated {
  static constexpr std::string_view kTopic = "org.updated";
  std::string org_id;
  static constexpr auto fields() { return std::tuple{core::field("orgId", &OrgUpdated::org_id)}; }
};

// An operator's decision: org.approved, org.rejected, org.suspended or org.reactivated.
template <const char* Topic>
struct OrgDecided {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, status, reason;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &OrgDecided::org_id), core::field("status", &OrgDecided::status),
                      core::field("reason", &OrgDecided::reason)};
  }
};
inline constexpr char kOrgApproved[] = "org.approved";
inline constexpr char kOrgRejected[] = "org.rejected";
inline constexpr char kOrgSuspended[] = "org.suspended";
inline constexpr char kOrgReactivated[] = "org.reactivated";
inline constexpr char kOrgResubmitted[] = "org.resubmitted";  // by the organisation, after a rejection
using OrgApproved = OrgDecided<kOrgApproved>;
using OrgRejected = OrgDecided<kOrgRejected>;
using OrgSuspended = OrgDecided<kOrgSuspended>;
using OrgReactivated = OrgDecided<kOrgReactivated>;
using OrgResubmitted = OrgDecided<kOrgResubmitted>;

struct OrgQuotasUpdated {
  static constexpr std::string_view kTopic = "org.quotas_updated";
  std::string org_id;
  static constexpr auto fields() { return std::tuple{core::field("orgId", &OrgQuotasUpdated::org_id)}; }
};

// A member joined (member.added: created by an administrator or through an invitation) or was
// given another role (member.role_changed).
template <const char* Topic>
struct MemberRoleSet {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, user_id, role;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &MemberRoleSet::org_id), core::field("userId", &MemberRoleSet::user_id),
                      core::field("role", &MemberRoleSet::role)};
  }
};
inline constexpr char kMemberAdded[] = "member.added";
inline constexpr char kMemberRoleChanged[] = "member.role_changed";
using MemberAdded = MemberRoleSet<kMemberAdded>;
using MemberRoleChanged = MemberRoleSet<kMemberRoleChanged>;

struct MemberRemoved {
  static constexpr std::string_view kTopic = "member.removed";
  std::string org_id, user_id;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &MemberRemoved::org_id), core::field("userId", &MemberRemoved::user_id)};
  }
};

// A change to how an account signs in, told to its owner (it cannot be muted): the password was
// changed, or two-factor sign-in turned on or off.
template <const char* Topic>
struct AccountSecurityChanged {
  static constexpr std::string_view kTopic = Topic;
  std::string user_id;
  static constexpr auto fields() { return std::tuple{core::field("userId", &AccountSecurityChanged::user_id)}; }
};
inline constexpr char kPasswordChanged[] = "user.password_changed";
inline constexpr char kTwoFactorEnabled[] = "user.2fa_enabled";
inline constexpr char kTwoFactorDisabled[] = "user.2fa_disabled";
using PasswordChanged = AccountSecurityChanged<kPasswordChanged>;
using TwoFactorEnabled = AccountSecurityChanged<kTwoFactorEnabled>;
using TwoFactorDisabled = AccountSecurityChanged<kTwoFactorDisabled>;

}  // namespace events

namespace errors {

// The accounts module's resources, for every place that looks one up (404 with these codes).
inline core::Error org_not_found() { return core::Error::not_found("orgs.not_found", "No such organisation"); }
inline core::Error member_not_found() { return core::Error::not_found("members.not_found", "No such member"); }
inline core::Error user_not_found() { return core::Error::not_found("users.not_found", "No such user"); }
inline core::Error operator_not_found() { return core::Error::not_found("operators.not_found", "No such operator"); }
inline core::Error invitation_not_found() {
  return core::Error::not_found("invitations.not_found", "No such invitation");
}
inline core::Error api_key_not_found() {
  return core::Error::not_found("api_keys.not_found", "No such API key in this organisation");
}

}  // namespace errors

}  // namespace cove::accounts
