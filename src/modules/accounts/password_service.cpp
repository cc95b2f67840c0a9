#include "modules/accounts/password_service.hpp"

#include <algorithm>
#include <array>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/password.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/session_repo.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kTemporaryLength = 16;
// No 0/O, 1/l/I: a temporary password is often read out or retyped.
constexpr std::array<std::string_view, 4> kClasses = {"abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ",
                                                      "23456789", "!#%+-=?@_"};

// A uniform index below `n` (rejection sampling: no modulo bias).
std::size_t random_below(std::size_t n) {
  const std::size_t limit = 256 - 256 % n;  // the largest multiple of n that a byte can reach
  while (true) {
    const std::size_t b = static_cast<unsigned char>(core::crypto::random_bytes(1)[0]);
    if (b < limit) return b % n;
  }
}

}  // namespace

std::string generate_temporary_password(const SecuritySettings& policy) {
  const auto length = std::max(kTemporaryLength, static_cast<std::size_t>(policy.password_min_length));
  std::string all;
  for (auto c : kClasses) all += c;
  std::string out;
  for (auto c : kClasses) out.push_back(c[random_below(c.size())]);
  while (out.size() < length) out.push_back(all[random_below(all.size())]);
  // Fisher–Yates, so the guaranteed characters are not always in front.
  for (std::size_t i = out.size() - 1; i > 0; --i) std::swap(out[i], out[random_below(i + 1)]);
  return out;
}

void PasswordService::change(const core::Actor& actor, const std::string& current_password,
                             const std::string& new_password) {
  const auto& user_id = actor.principal->id;
  const auto now = ctx_.app.clock.unix_millis();
  const auto security = ctx_.settings.security();
  std::optional<User> user;
  const auto lock = ctx_.app.db.read([&](core::Conn& c) {
    user = user_repo::find_by_id(c, user_id);
    return user ? lockout_.check(c, actor.ip, {user->email, user->id}) : LockState{};
  });
  if (!user) throw core::Error::unauthorized();
  if (lock.locked) throw locked_error(lock, now);

  if (!core::password::verify(current_password, user->password_hash)) {
    const auto state = ctx_.app.db.write([&](core::Tx& tx) {
      return lockout_.record_failure(tx, actor, {user->email, user->id}, "wrong_current_password");
    });
    if (state.locked) throw locked_error(state, now);
    core::FieldErrors errors;
    errors.add("currentPassword", "incorrect", "The current password is not correct");
    errors.throw_if_any();
  }
  core::FieldErrors errors;
  ctx_.app.db.read(
      [&](core::Conn& c) { check_new_password(c, *security, new_password, user_id, "newPassword", errors); });
  errors.throw_if_any();

  const auto hash = core::password::hash(new_password, ctx_.password_cost);
  ctx_.app.db.write([&](core::Tx& tx) {
    user_repo::set_password(tx, user_id, hash, false, now);
    lockout_.record_success(tx, user_id);
    const int revoked =
        session_repo::revoke_all_for_user(tx, user_id, now, "password_changed", actor.principal->session_id);
    ctx_.app.audit.record(tx, actor,
                          {.action = "auth.password_changed",
                           .target_type = "user",
                           .target_id = user_id,
                           .after = {{"otherSessionsRevoked", revoked}}});
  });
}

std::string PasswordService::reset(const core::Actor& actor, const std::string& user_id,
                                   const std::string& org_id) {
  const auto exists =
      ctx_.app.db.read([&](core::Conn& c) { return user_repo::find_by_id(c, user_id).has_value(); });
  if (!exists) throw core::Error::not_found("users.not_found", "No such user");
  const auto temporary = generate_temporary_password(*ctx_.settings.security());
  const auto hash = core::password::hash(temporary, ctx_.password_cost);
  const auto now = ctx_.app.clock.unix_millis();
  ctx_.app.db.write([&](core::Tx& tx) {
    if (!user_repo::find_by_id(tx, user_id)) throw core::Error::not_found("users.not_found", "No such user");
    user_repo::set_password(tx, user_id, hash, true, now);
    const int revoked = session_repo::revoke_all_for_user(tx, user_id, now, "password_reset");
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "user.password_reset",
                           .target_type = "user",
                           .target_id = user_id,
                           .after = {{"mustChangePassword", true}, {"sessionsRevoked", revoked}}});
  });
  return temporary;
}

}  // namespace cove::accounts
