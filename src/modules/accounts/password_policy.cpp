#include "modules/accounts/password_policy.hpp"

#include <fmt/format.h>

#include "core/json_input.hpp"
#include "core/password.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

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

}  // namespace cove::accounts
