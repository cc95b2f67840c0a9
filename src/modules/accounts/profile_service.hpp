#pragma once
// The signed-in user's view of themselves (GET/PATCH /api/v1/me): profile, platform role, the
// organisations they belong to with their role and effective permissions there, and any
// restriction they must clear first (password change, 2FA enrolment).
#include <string>

#include <nlohmann/json.hpp>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "modules/accounts/user_model.hpp"

namespace cove::accounts {

class ProfileService {
 public:
  ProfileService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock)
      : db_(db), changes_(changes), clock_(clock) {}

  // {user, platformRole, platformPermissions, orgs: [{id, name, status, role, permissions}], restriction}
  nlohmann::json describe(const core::Principal& principal) const;
  // `name` is validated by the caller (1–100 characters); unchanged names log nothing.
  User rename(const core::Actor& actor, const std::string& name);

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
};

}  // namespace cove::accounts
