#pragma once
// The platform's password policy (security settings): minimum length, character classes, and no
// reuse of the last K passwords. Problems are added as field errors so a form can show them.
#include <optional>
#include <string>
#include <string_view>

#include "core/db.hpp"
#include "core/error.hpp"
#include "modules/accounts/settings_model.hpp"

namespace cove::accounts {

// Checks `password` for a user (existing: history is consulted; new: `user_id` empty). Adds
// "too_short", "too_weak" (classes) or "reused" under `field`. Hashing history entries is slow by
// design: call from a blocking route.
void check_new_password(core::Conn& c, const SecuritySettings& settings, std::string_view password,
                        const std::string& user_id, const std::string& field, core::FieldErrors& errors);

// The same for a new account's password (no history yet): throws 400 `validation_failed` with
// the problem under `field`.
void require_new_password(core::Conn& c, const SecuritySettings& settings, std::string_view password,
                          const std::string& field);

// A random password that meets `policy` (all four character classes, at least 16 characters),
// without look-alike characters, for reading aloud or copying once.
std::string generate_temporary_password(const SecuritySettings& policy);

// How many of lower-case, upper-case, digit and other characters the password uses.
int character_classes(std::string_view password);

inline constexpr std::size_t kMaxPasswordBytes = 256;  // scrypt input bound

}  // namespace cove::accounts
