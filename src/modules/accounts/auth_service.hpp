#pragma once
// Sign-in with email and password (and a second factor when the user has one). Wrong email and
// wrong password are one answer, `auth.invalid_credentials`, and cost the same time: an unknown
// address is checked against a dummy hash of the current cost. Lockout (lockout.hpp) is checked
// first and counts every failure; every failure goes to the operation log.
#include <mutex>
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/password.hpp"
#include "core/principal.hpp"
#include "modules/accounts/lockout.hpp"
#include "modules/accounts/session_service.hpp"
#include "modules/accounts/totp_service.hpp"

namespace cove::accounts {

struct Credentials {
  std::string email;
  std::string password;
  SecondFactor second_factor;
};

class AuthService {
 public:
  // `password_cost` is the cost stored hashes are upgraded to at sign-in.
  AuthService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, core::password::Cost password_cost,
              LoginLockout& lockout, TotpService& totp, SessionService& sessions)
      : db_(db),
        changes_(changes),
        clock_(clock),
        password_cost_(password_cost),
        lockout_(lockout),
        totp_(totp),
        sessions_(sessions) {}

  // Starts a session. Throws 429 `auth.locked`, 401 `auth.invalid_credentials`, 403
  // `auth.account_disabled` (only after the right password), 401 `auth.totp_required` /
  // `auth.totp_invalid`. Slow by design (scrypt): call from a blocking route.
  SessionGrant sign_in(const core::Actor& actor, const Credentials& credentials);

 private:
  // A hash at the configured cost, made on first use so start-up does not pay for it.
  const std::string& dummy_hash();
  [[noreturn]] void fail(const core::Actor& actor, const SignInSubject& subject, const std::string& reason);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  core::password::Cost password_cost_;
  LoginLockout& lockout_;
  TotpService& totp_;
  SessionService& sessions_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace cove::accounts
