#include "modules/accounts/member_model.hpp"

#include "core/clock.hpp"

namespace cove::accounts {

nlohmann::json to_json(const Member& m) {
  return {{"userId", m.user_id},
          {"email", m.email},
          {"name", m.name},
          {"role", m.role},
          {"status", m.user_status},
          {"twoFactorEnabled", m.two_factor},
          {"mustChangePassword", m.must_change_password},
          {"joinedAt", core::format_rfc3339_millis(m.joined_ms)}};
}

}  // namespace cove::accounts
