#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cove::accounts {

struct User {
  std::string id;
  std::string email;
  std::string name;
  std::string password_hash;
  std::int64_t password_changed_ms = 0;
  bool must_change_password = false;
  std::string platform_role;
  std::string status = "active";
  int failed_logins = 0;
  std::int64_t locked_until_ms = 0;
  std::optional<std::string> totp_secret;   // sealed
  std::optional<std::string> totp_pending;  // sealed
  std::int64_t totp_last_step = 0;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const User&) const = default;
};

// A new active account (a fresh usr_ id) with this password hash, created and last changed now.
User new_account(const std::string& email, const std::string& name, const std::string& password_hash,
                 std::int64_t now_ms);

// The public view of a user: never the hash, the TOTP secret or lockout counters.
nlohmann::json to_public_json(const User& u);

}  // namespace cove::accounts
