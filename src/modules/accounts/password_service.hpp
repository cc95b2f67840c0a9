#pragma once
// Changing and resetting passwords. A change needs the current password (failures count towards
// lockout, so a stolen access token cannot be used to guess it), must pass the policy
// (password_policy.hpp) and signs out the user's other sessions. A reset by an operator or an
// organisation's administrator sets a generated temporary password that must be changed at the
// next sign-in, and signs out every session.
#include <functional>
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/password.hpp"
#include "core/principal.hpp"
#include "modules/accounts/lockout.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

// Who resets and how it is logged.
struct PasswordReset {
  std::string org_id;  // scopes the operation-log entry when an organisation resets a member
  std::string action = "user.password_reset";
  // Refuses the reset by throwing; runs before the password is hashed and again inside the write.
  // None: a user that does not exist is 404 `users.not_found`.
  std::function<void(core::Conn&)> check;
};

class PasswordService {
 public:
  PasswordService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const SettingsService& settings,
                  core::password::Cost password_cost, LoginLockout& lockout)
      : db_(db),
        changes_(changes),
        clock_(clock),
        settings_(settings),
        password_cost_(password_cost),
        lockout_(lockout) {}

  // The signed-in user's own change. 400 with field errors (`currentPassword`: incorrect;
  // `newPassword`: too_short, too_weak, reused…), 429 `auth.locked`. Slow: blocking routes only.
  void change(const core::Actor& actor, const std::string& current_password, const std::string& new_password);
  // Sets a temporary password for `user_id` and returns it (shown once, never stored in clear).
  // Slow (hashing): blocking routes only.
  std::string reset(const core::Actor& actor, const std::string& user_id, const PasswordReset& how = {});
  // A new password proven by an e-mailed single-use link (the notify module checks the link):
  // the policy applies (400 at `newPassword`), every session ends, a lockout is cleared, and the
  // change is logged and announced (user.password_changed). Slow (hashing): blocking routes only.
  void set_by_email_proof(const core::Actor& actor, const std::string& user_id, const std::string& new_password);

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  core::password::Cost password_cost_;
  LoginLockout& lockout_;
};

}  // namespace cove::accounts
