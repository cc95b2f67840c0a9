#pragma once
// Organisation members: direct creation with an initial password, role changes, removal and
// password resets by the organisation's administrators. Rules:
//  - only an owner may grant the owner role or take it away (demote or remove an owner), and
//    only an owner may reset an owner's password;
//  - the last owner can be neither demoted nor removed (409 members.last_owner);
//  - adding a member counts against the maxMembers quota (403 quota.exceeded);
//  - a reset is refused for accounts the organisation does not own alone (members of other
//    organisations, platform operators): the temporary password would let one organisation's
//    admin sign in as someone with power elsewhere.
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
#include "modules/accounts/member_model.hpp"
#include "modules/accounts/password_service.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

// Shape-checked by the caller; the password is checked against the policy here.
struct NewMember {
  std::string email;
  std::string name;
  std::string role;
  std::string initial_password;
};

class MemberService {
 public:
  // `quotas` holds maxMembers; `passwords` performs resets; `password_cost` hashes initial passwords.
  MemberService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const SettingsService& settings,
                const Quotas& quotas, PasswordService& passwords, core::password::Cost password_cost)
      : db_(db),
        changes_(changes),
        clock_(clock),
        settings_(settings),
        quotas_(quotas),
        passwords_(passwords),
        password_cost_(password_cost) {}

  // At most page.limit + 1 rows (see core/page.hpp).
  core::Page<Member> list(const std::string& org_id, const std::optional<std::string>& role,
                           const core::PageRequest& page) const;
  Member get(const std::string& org_id, const std::string& user_id) const;  // 404 members.not_found
  // Creates the account (must change its password at first sign-in) and the membership.
  // Hashes: call from a blocking route. 409 members.account_exists when the email has an
  // account (invite it instead).
  Member add(const core::Actor& actor, const std::string& org_id, const NewMember& m);
  Member change_role(const core::Actor& actor, const std::string& org_id, const std::string& user_id,
                     const std::string& role);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& user_id);
  // Sets a generated temporary password (returned once, never stored in clear), forces a change
  // at next sign-in and ends the member's sessions. Hashes: call from a blocking route.
  std::string reset_password(const core::Actor& actor, const std::string& org_id, const std::string& user_id);

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  const Quotas& quotas_;
  PasswordService& passwords_;
  core::password::Cost password_cost_;
};

}  // namespace cove::accounts
