#include "modules/accounts/totp_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/password.hpp"
#include "core/totp.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/accounts/recovery_code_repo.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

constexpr int kDriftSteps = 1;
constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
constexpr std::size_t kRecoveryCodeChars = 10;

bool is_totp_code(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c); });
}

core::Error totp_not_enabled() {
  return core::Error::conflict("auth.totp_not_enabled", "Two-factor authentication is not on");
}

// One `code` field that takes either a 6-digit code or a recovery code.
SecondFactor factor_from_code(const std::string& code) {
  SecondFactor f;
  if (is_totp_code(code)) {
    f.totp = code;
  } else {
    f.recovery_code = code;
  }
  return f;
}

}  // namespace

std::string normalize_recovery_code(std::string_view code) {
  std::string out;
  for (unsigned char c : code) {
    if (c == '-' || c == ' ') continue;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

User TotpService::current_user(const core::Actor& actor) const {
  auto user = db_.read([&](core::Conn& c) { return user_repo::find_by_id(c, actor.principal->id); });
  // The principal was loaded from this row moments ago; it can only vanish in a race with deletion.
  if (!user) throw core::Error::unauthorized();
  return *user;
}

TotpEnrollment TotpService::enroll(const core::Actor& actor) {
  const auto user = current_user(actor);
  if (user.totp_secret) {
    throw core::Error::conflict(
        "auth.totp_already_enabled",
        "Two-factor authentication is already on; disable it first to enrol a new device");
  }
  const auto secret = core::crypto::random_bytes(kSecretBytes);
  TotpEnrollment e;
  e.secret = core::totp::base32_encode(secret);
  e.otpauth_uri = core::totp::otpauth_uri(settings_.branding()->product_name, user.email, secret);
  const auto now = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    user_repo::set_totp(tx, user.id, std::nullopt, sealed_.seal(secret), user.totp_last_step, now);
    changes_.record(
        tx, actor, {.action = "auth.2fa_enrollment_started", .target_type = "user", .target_id = user.id});
  });
  return e;
}

std::vector<std::string> TotpService::confirm(const core::Actor& actor, const std::string& code) {
  const auto now = clock_.unix_millis();
  return db_.write([&](core::Tx& tx) {
    const auto user = user_repo::find_by_id(tx, actor.principal->id);
    if (!user) throw core::Error::unauthorized();
    if (user->totp_secret) {
      throw core::Error::conflict("auth.totp_already_enabled", "Two-factor authentication is already on");
    }
    const auto secret = user->totp_pending ? sealed_.open(*user->totp_pending) : std::nullopt;
    if (!secret) {
      throw core::Error::conflict("auth.totp_not_pending",
                                  "Start enrolment first: no authenticator is waiting to be confirmed");
    }
    std::int64_t step = 0;
    if (!core::totp::check(*secret, code, now / 1000, kDriftSteps, step)) {
      core::FieldErrors errors;
      errors.add("code", "invalid",
                 "This code does not match; check the authenticator's clock and try the next code");
      errors.throw_if_any();
    }
    user_repo::set_totp(tx, user->id, user->totp_pending, std::nullopt, step, now);
    auto codes = new_recovery_codes(tx, user->id);
    changes_.record(tx, actor, events::TwoFactorEnabled{user->id},
                          {.action = "auth.2fa_enabled", .target_type = "user", .target_id = user->id});
    return codes;
  });
}

void TotpService::disable(const core::Actor& actor, const std::string& password, const std::string& code) {
  const auto user = current_user(actor);
  if (!user.totp_secret) throw totp_not_enabled();
  const SignInSubject subject{user.email, user.id};
  const auto now = clock_.unix_millis();
  const auto lock = db_.read([&](core::Conn& c) { return lockout_.check(c, actor.ip, subject); });
  if (lock.locked) throw locked_error(lock, now);
  if (!core::password::verify(password, user.password_hash)) reauthentication_failed(actor, user, "password");

  const bool ok = db_.write([&](core::Tx& tx) {
    if (!verify(tx, user.id, factor_from_code(code))) return false;
    user_repo::set_totp(tx, user.id, std::nullopt, std::nullopt, 0, now);
    recovery_code_repo::delete_all(tx, user.id);
    lockout_.record_success(tx, user.id);
    changes_.record(tx, actor, events::TwoFactorDisabled{user.id},
                          {.action = "auth.2fa_disabled", .target_type = "user", .target_id = user.id});
    return true;
  });
  if (!ok) reauthentication_failed(actor, user, "code");
}

std::vector<std::string> TotpService::regenerate_recovery_codes(const core::Actor& actor,
                                                                const std::string& code) {
  const auto user = current_user(actor);
  if (!user.totp_secret) throw totp_not_enabled();
  const auto now = clock_.unix_millis();
  const auto lock = db_.read([&](core::Conn& c) {
    return lockout_.check(c, actor.ip, {user.email, user.id});
  });
  if (lock.locked) throw locked_error(lock, now);

  std::vector<std::string> codes;
  const bool ok = db_.write([&](core::Tx& tx) {
    if (!verify(tx, user.id, factor_from_code(code))) return false;
    codes = new_recovery_codes(tx, user.id);
    changes_.record(
        tx, actor,
        {.action = "auth.recovery_codes_regenerated", .target_type = "user", .target_id = user.id});
    return true;
  });
  if (!ok) reauthentication_failed(actor, user, "code");
  return codes;
}

bool TotpService::verify(core::Tx& tx, const std::string& user_id, const SecondFactor& factor) {
  const auto user = user_repo::find_by_id(tx, user_id);
  if (!user || !user->totp_secret) return false;
  const auto now = clock_.unix_millis();
  if (factor.recovery_code) {
    const auto normalized = normalize_recovery_code(*factor.recovery_code);
    return normalized.size() == kRecoveryCodeChars &&
           recovery_code_repo::use(tx, user_id, core::crypto::sha256_hex(normalized), now);
  }
  if (!factor.totp) return false;
  const auto secret = sealed_.open(*user->totp_secret);
  std::int64_t step = 0;
  if (!secret || !core::totp::check(*secret, *factor.totp, now / 1000, kDriftSteps, step)) return false;
  if (step <= user->totp_last_step) return false;  // this code (or a later one) was already used
  user_repo::set_totp(tx, user_id, user->totp_secret, user->totp_pending, step, user->updated_ms);
  return true;
}

std::vector<std::string> TotpService::new_recovery_codes(core::Tx& tx, const std::string& user_id) {
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    std::string raw = core::totp::base32_encode(core::crypto::random_bytes(7)).substr(0, kRecoveryCodeChars);
    std::transform(raw.begin(), raw.end(), raw.begin(), [](unsigned char c) { return std::tolower(c); });
    hashes.push_back(core::crypto::sha256_hex(raw));
    codes.push_back(raw.substr(0, 5) + "-" + raw.substr(5));
  }
  recovery_code_repo::replace(tx, user_id, hashes);
  return codes;
}

void TotpService::reauthentication_failed(const core::Actor& actor, const User& user,
                                          const std::string& field) {
  db_.write([&](core::Tx& tx) {
    lockout_.record_failure(tx, actor, {user.email, user.id}, "reauthentication_failed");
  });
  core::FieldErrors errors;
  if (field == "password") {
    errors.add(field, "incorrect", "The password is not correct");
  } else {
    errors.add(field, "invalid", "This code is not valid (a code can be used once)");
  }
  errors.throw_if_any();
}

}  // namespace cove::accounts
