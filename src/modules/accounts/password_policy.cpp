#include "modules/accounts/password_policy.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/json_input.hpp"
#include "core/password.hpp"
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

int character_classes(std::string_view password) {
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else other = true;
  }
  return int(lower) + int(upper) + int(digit) + int(other);
}

void check_new_password(core::Conn& c, const SecuritySettings& settings, std::string_view password,
                        const std::string& user_id, const std::string& field, core::FieldErrors& errors) {
  const auto length = core::utf8_length(password);
  if (length < static_cast<std::size_t>(settings.password_min_length)) {
    errors.add(field, "too_short", fmt::format("Use at least {} characters", settings.password_min_length));
    return;
  }
  if (password.size() > kMaxPasswordBytes) {
    errors.add(field, "too_long", fmt::format("Use at most {} bytes", kMaxPasswordBytes));
    return;
  }
  if (character_classes(password) < settings.password_min_classes) {
    errors.add(field, "too_weak",
               fmt::format("Mix at least {} of: lower-case, upper-case, digits, symbols",
                           settings.password_min_classes));
    return;
  }
  if (!user_id.empty() && settings.password_history > 0) {
    for (const auto& old : user_repo::recent_password_hashes(c, user_id, settings.password_history)) {
      if (core::password::verify(password, old)) {
        errors.add(field, "reused",
                   fmt::format("Choose a password you have not used for your last {} passwords",
                               settings.password_history));
        return;
      }
    }
  }
}

void require_new_password(core::Conn& c, const SecuritySettings& settings, std::string_view password,
                          const std::string& field) {
  core::FieldErrors errors;
  check_new_password(c, settings, password, "", field, errors);
  errors.throw_if_any();
}

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

}  // namespace cove::accounts
