#include "modules/accounts/user_model.hpp"

#include "core/clock.hpp"

namespace cove::accounts {

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
