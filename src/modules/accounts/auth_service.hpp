#pragma once
// Sign-in with email and password (and a second factor when the user has one). Wrong email and
// wrong password are one answer, `auth.invalid_credentials`, and cost the same time: an unknown
// address is checked against a dummy hash of the current cost. Lockout (lockout.hpp) is checked
// first and counts every failure; every failure goes to the operation log.
#include <mutex>
#include <string>

#include "core/principal.hpp"
#include "modules/accounts/accounts_context.hpp"
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
  AuthService(AccountsContext& ctx, LoginLockout& lockout, TotpService& totp, SessionService& sessions)
      : ctx_(ctx), lockout_(lockout), totp_(totp), sessions_(sessions) {}

  // Starts a session. Throws 429 `auth.locked`, 401 `auth.invalid_credentials`, 403
  // `auth.account_disabled` (only after the right password), 401 `auth.totp_required` /
  // `auth.totp_invalid`. Slow by design (scrypt): call from a blocking route.
  SessionGrant sign_in(const core::Actor& actor, const Credentials& credentials);

 private:
  // A hash at the configured cost, made on first use so start-up does not pay for it.
  const std::string& dummy_hash();
  [[noreturn]] void fail(const core::Actor& actor, const SignInSubject& subject, const std::string& reason);

  AccountsContext& ctx_;
  LoginLockout& lockout_;
  TotpService& totp_;
  SessionService& sessions_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace cove::accounts
