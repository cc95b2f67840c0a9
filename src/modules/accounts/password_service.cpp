#include "modules/accounts/password_service.hpp"

#include "core/error.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/session_repo.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

void PasswordService::change(const core::Actor& actor, const std::string& current_password,
                             const std::string& new_password) {
  const auto& user_id = actor.principal->id;
  const auto now = clock_.unix_millis();
  const auto security = settings_.security();
  std::optional<User> user;
  const auto lock = db_.read([&](core::Conn& c) {
    user = user_repo::find_by_id(c, user_id);
    return user ? lockout_.check(c, actor.ip, {user->email, user->id}) : LockState{};
  });
  if (!user) throw core::Error::unauthorized();
  if (lock.locked) throw locked_error(lock, now);

  if (!core::password::verify(current_password, user->password_hash)) {
    const auto state = db_.write([&](core::Tx& tx) {
      return lockout_.record_failure(tx, actor, {user->email, user->id}, "wrong_current_password");
    });
    if (state.locked) throw locked_error(state, now);
    core::FieldErrors errors;
    errors.add("currentPassword", "incorrect", "The current password is not correct");
    errors.throw_if_any();
  }
  core::FieldErrors errors;
  db_.read([&](core::Conn& c) { check_new_password(c, *security, new_password, user_id, "newPassword", errors); });
  errors.throw_if_any();

  const auto hash = core::password::hash(new_password, password_cost_);
  db_.write([&](core::Tx& tx) {
    user_repo::set_password(tx, user_id, hash, false, now);
    lockout_.record_success(tx, user_id);
    const int revoked =
        session_repo::revoke_all_for_user(tx, user_id, now, "password_changed", actor.principal->session_id);
    changes_.record(tx, actor, events::PasswordChanged{user_id},
                    {.action = "auth.password_changed",
                     .target_type = "user",
                     .target_id = user_id,
                     .after = {{"otherSessionsRevoked", revoked}}});
  });
}

void PasswordService::set_by_email_proof(const core::Actor& actor, const std::string& user_id,
                                         const std::string& new_password) {
  const auto security = settings_.security();
  core::FieldErrors errors;
  db_.read([&](core::Conn& c) {
    if (!user_repo::find_by_id(c, user_id)) throw errors::user_not_found();
    check_new_password(c, *security, new_password, user_id, "newPassword", errors);
  });
  errors.throw_if_any();
  const auto hash = core::password::hash(new_password, password_cost_);
  db_.write([&](core::Tx& tx) {
    const auto now = clock_.unix_millis();
    user_repo::set_password(tx, user_id, hash, false, now);
    lockout_.record_success(tx, user_id);
    const int revoked = session_repo::revoke_all_for_user(tx, user_id, now, "password_reset");
    changes_.record(tx, actor, events::PasswordChanged{user_id},
                    {.action = "auth.password_reset_by_email",
                     .target_type = "user",
                     .target_id = user_id,
                     .after = {{"sessionsRevoked", revoked}}});
  });
}

std::string PasswordService::reset(const core::Actor& actor, const std::string& user_id, const PasswordReset& how) {
  const auto check = [&](core::Conn& c) {
    if (how.check) {
      how.check(c);
    } else if (!user_repo::find_by_id(c, user_id)) {
      throw errors::user_not_found();
    }
  };
  db_.read(check);
  const auto temporary = generate_temporary_password(*settings_.security());
  const auto hash = core::password::hash(temporary, password_cost_);
  db_.write([&](core::Tx& tx) {
    check(tx);  // again: the answer may have changed while the password was hashed
    const auto now = clock_.unix_millis();
    user_repo::set_password(tx, user_id, hash, /*must_change=*/true, now);
    const int revoked = session_repo::revoke_all_for_user(tx, user_id, now, "password_reset");
    changes_.record(tx, actor,
                    {.org_id = how.org_id,
                     .action = how.action,
                     .target_type = "user",
                     .target_id = user_id,
                     .after = {{"mustChangePassword", true}, {"sessionsRevoked", revoked}}});
  });
  return temporary;
}

}  // namespace cove::accounts
