#include "modules/accounts/user_model.hpp"

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace cove::accounts {

User new_account(const std::string& email, const std::string& name, const std::string& password_hash,
                 std::int64_t now_ms) {
  User u;
  u.id = core::new_id("usr");
  u.email = email;
  u.name = name;
  u.password_hash = password_hash;
  u.password_changed_ms = u.created_ms = u.updated_ms = now_ms;
  return u;
}

nlohmann::json to_public_json(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"platformRole", u.platform_role.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.platform_role)},
          {"status", u.status},
          {"twoFactorEnabled", u.totp_secret.has_value()},
          {"mustChangePassword", u.must_change_password},
          {"createdAt", core::format_rfc3339_millis(u.created_ms)}};
}

}  // namespace cove::accounts
