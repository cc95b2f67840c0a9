#pragma once
// Two-factor authentication with TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps, ±1 step of clock
// drift). Enrolment stores a sealed secret as pending until the user proves their authenticator
// has it; confirming enables it and hands out ten single-use recovery codes, shown once and
// stored hashed. A time step is accepted once, so an observed code cannot be replayed.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "core/sealed_box.hpp"
#include "modules/accounts/lockout.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/accounts/user_model.hpp"

namespace cove::accounts {

struct TotpEnrollment {
  std::string secret;       // base32, for typing into an authenticator
  std::string otpauth_uri;  // for a QR code
};

// The second factor offered at sign-in or to confirm a sensitive change.
struct SecondFactor {
  std::optional<std::string> totp;
  std::optional<std::string> recovery_code;
  bool given() const { return totp.has_value() || recovery_code.has_value(); }
};

inline constexpr int kRecoveryCodeCount = 10;

// "abcde-fghij" → "abcdefghij": case, dashes and spaces do not matter when typing a code.
std::string normalize_recovery_code(std::string_view code);

class TotpService {
 public:
  // `sealed` keeps the secrets encrypted at rest; the branding's product name labels them in
  // authenticator apps.
  TotpService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const SettingsService& settings,
              const core::SealedBox& sealed, LoginLockout& lockout)
      : db_(db), changes_(changes), clock_(clock), settings_(settings), sealed_(sealed), lockout_(lockout) {}

  // 409 `auth.totp_already_enabled` when 2FA is on (disable it first to change devices).
  TotpEnrollment enroll(const core::Actor& actor);
  // Enables the pending secret when `code` matches it; returns the recovery codes (shown once).
  std::vector<std::string> confirm(const core::Actor& actor, const std::string& code);
  // Needs the password and a current code (or a recovery code). Slow (password hash): call from a
  // blocking route. Failures count towards the account's lockout.
  void disable(const core::Actor& actor, const std::string& password, const std::string& code);
  // Replaces the recovery codes; needs a current code (or a recovery code).
  std::vector<std::string> regenerate_recovery_codes(const core::Actor& actor, const std::string& code);

  // Inside a transaction: true when `factor` is the user's current code (its step not used
  // before) or one of their unused recovery codes. Consumes what it accepts.
  bool verify(core::Tx& tx, const std::string& user_id, const SecondFactor& factor);

 private:
  User current_user(const core::Actor& actor) const;
  std::vector<std::string> new_recovery_codes(core::Tx& tx, const std::string& user_id);
  // Counts a failed re-authentication towards lockout, then throws the 400 for `field`.
  void reauthentication_failed(const core::Actor& actor, const User& user, const std::string& field);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const SettingsService& settings_;
  const core::SealedBox& sealed_;
  LoginLockout& lockout_;
};

}  // namespace cove::accounts
