#pragma once
// Changing and resetting passwords. A change needs the current password (failures count towards
// lockout, so a stolen access token cannot be used to guess it), must pass the policy
// (password_policy.hpp) and signs out the user's other sessions. A reset by an operator or org
// owner sets a generated temporary password that must be changed at the next sign-in, and signs
// out every session.
#include <string>

#include "core/principal.hpp"
#include "modules/accounts/accounts_context.hpp"
#include "modules/accounts/lockout.hpp"
#include "modules/accounts/settings_model.hpp"

namespace cove::accounts {

// A random password that meets `policy` (all four character classes, at least 16 characters),
// without look-alike characters, for reading aloud or copying once.
std::string generate_temporary_password(const SecuritySettings& policy);

class PasswordService {
 public:
  PasswordService(AccountsContext& ctx, LoginLockout& lockout) : ctx_(ctx), lockout_(lockout) {}

  // The signed-in user's own change. 400 with field errors (`currentPassword`: incorrect;
  // `newPassword`: too_short, too_weak, reused…), 429 `auth.locked`. Slow: blocking routes only.
  void change(const core::Actor& actor, const std::string& current_password, const std::string& new_password);
  // Sets a temporary password for `user_id` and returns it (shown once). `org_id` scopes the
  // operation-log entry when an org owner resets a member. 404 `users.not_found`.
  std::string reset(const core::Actor& actor, const std::string& user_id, const std::string& org_id = {});

 private:
  AccountsContext& ctx_;
  LoginLockout& lockout_;
};

}  // namespace cove::accounts
