#pragma once
// The signed-in user's view of themselves (GET/PATCH /api/v1/me): profile, platform role, the
// organisations they belong to with their role and effective permissions there, and any
// restriction they must clear first (password change, 2FA enrolment).
#include <string>

#include <nlohmann/json.hpp>

#include "core/principal.hpp"
#include "modules/accounts/accounts_context.hpp"
#include "modules/accounts/user_model.hpp"

namespace cove::accounts {

class ProfileService {
 public:
  explicit ProfileService(AccountsContext& ctx) : ctx_(ctx) {}

  // {user, platformRole, platformPermissions, orgs: [{id, name, status, role, permissions}], restriction}
  nlohmann::json describe(const core::Principal& principal) const;
  // `name` is validated by the caller (1–100 characters); unchanged names log nothing.
  User rename(const core::Actor& actor, const std::string& name);

 private:
  AccountsContext& ctx_;
};

}  // namespace cove::accounts
