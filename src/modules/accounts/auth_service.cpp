#include "modules/accounts/auth_service.hpp"

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/password.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

core::Error invalid_credentials() {
  return core::Error(401, "auth.invalid_credentials", "The email address or password is not correct");
}

std::string sign_in_method(const SecondFactor& f) {
  if (f.recovery_code) return "password+recovery_code";
  if (f.totp) return "password+totp";
  return "password";
}

}  // namespace

const std::string& AuthService::dummy_hash() {
  std::call_once(dummy_once_, [this] {
    dummy_hash_ = core::password::hash(core::crypto::hex(core::crypto::random_bytes(16)), password_cost_);
  });
  return dummy_hash_;
}

void AuthService::fail(const core::Actor& actor, const SignInSubject& subject, const std::string& reason) {
  const auto state =
      db_.write([&](core::Tx& tx) { return lockout_.record_failure(tx, actor, subject, reason); });
  if (state.locked) throw locked_error(state, clock_.unix_millis());
  throw invalid_credentials();
}

SessionGrant AuthService::sign_in(const core::Actor& actor, const Credentials& credentials) {
  SignInSubject subject{credentials.email, {}};
  std::optional<User> user;
  const auto lock = db_.read([&](core::Conn& c) {
    user = user_repo::find_by_email(c, credentials.email);
    if (user) subject.user_id = user->id;
    return lockout_.check(c, actor.ip, subject);
  });
  if (lock.locked) {
    // No password check while locked: the answer is the same either way, and guessing stops.
    db_.write([&](core::Tx& tx) { lockout_.record_refused(tx, actor, subject); });
    throw locked_error(lock, clock_.unix_millis());
  }

  if (!user) {
    core::password::verify(credentials.password, dummy_hash());
    fail(actor, subject, "unknown_account");
  }
  if (!core::password::verify(credentials.password, user->password_hash))
    fail(actor, subject, "wrong_password");
  if (user->status != "active") {
    db_.write([&](core::Tx& tx) {
      changes_.record(tx, actor,
                            {.action = "auth.login_failed",
                             .target_type = "user",
                             .target_id = user->id,
                             .after = {{"email", user->email}, {"reason", "account_disabled"}}});
    });
    throw core::Error(403, "auth.account_disabled", "This account is disabled; ask a platform operator");
  }
  const auto& factor = credentials.second_factor;
  if (user->totp_secret && !factor.given()) {
    throw core::Error(401, "auth.totp_required", "Enter the code from your authenticator app");
  }

  std::optional<std::string> upgraded_hash;
  if (core::password::needs_rehash(user->password_hash, password_cost_)) {
    upgraded_hash = core::password::hash(credentials.password, password_cost_);
  }

  std::optional<SessionGrant> grant;
  const auto state = db_.write([&](core::Tx& tx) -> LockState {
    if (user->totp_secret && !totp_.verify(tx, user->id, factor)) {
      return lockout_.record_failure(tx, actor, subject, "totp_invalid");
    }
    lockout_.record_success(tx, user->id);
    if (upgraded_hash) user_repo::replace_password_hash(tx, user->id, *upgraded_hash);
    grant = sessions_.start(tx, *user, actor);
    changes_.record(tx, acting_as(actor, *user),
                          {.action = "auth.login",
                           .target_type = "user",
                           .target_id = user->id,
                           .after = {{"sessionId", grant->session_id}, {"method", sign_in_method(factor)}}});
    return {};
  });
  if (!grant) {
    if (state.locked) throw locked_error(state, clock_.unix_millis());
    throw core::Error(401, "auth.totp_invalid", "This code is not valid (a code can be used once)");
  }
  return *grant;
}

}  // namespace cove::accounts
