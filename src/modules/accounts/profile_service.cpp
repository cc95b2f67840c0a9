#include "modules/accounts/profile_service.hpp"

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

nlohmann::json sorted_list(const std::set<std::string, std::less<>>& permissions) {
  return nlohmann::json(std::vector<std::string>(permissions.begin(), permissions.end()));
}

}  // namespace

nlohmann::json ProfileService::describe(const core::Principal& principal) const {
  std::optional<User> user;
  std::vector<user_repo::Membership> memberships;
  db_.read([&](core::Conn& c) {
    user = user_repo::find_by_id(c, principal.id);
    memberships = user_repo::memberships(c, principal.id);
  });
  if (!user) throw core::Error::unauthorized();

  auto orgs = nlohmann::json::array();
  for (const auto& m : memberships) {
    // Permissions come from the principal, which already reflects the org's status (a pending or
    // suspended org grants only org:read).
    const auto it = principal.org_permissions.find(m.org_id);
    orgs.push_back({{"id", m.org_id},
                    {"name", m.org_name},
                    {"status", m.org_status},
                    {"role", m.role},
                    {"permissions", it == principal.org_permissions.end() ? nlohmann::json::array()
                                                                          : sorted_list(it->second)}});
  }
  return {{"user", to_public_json(*user)},
          {"platformRole",
           user->platform_role.empty() ? nlohmann::json(nullptr) : nlohmann::json(user->platform_role)},
          {"platformPermissions", sorted_list(principal.platform_permissions)},
          {"orgs", std::move(orgs)},
          {"restriction",
           principal.restriction.empty() ? nlohmann::json(nullptr) : nlohmann::json(principal.restriction)}};
}

User ProfileService::rename(const core::Actor& actor, const std::string& name) {
  const auto now = clock_.unix_millis();
  return db_.write([&](core::Tx& tx) {
    const auto before = user_repo::find_by_id(tx, actor.principal->id);
    if (!before) throw core::Error::unauthorized();
    if (before->name != name) {
      user_repo::set_name(tx, before->id, name, now);
      changes_.record(tx, actor,
                            {.action = "user.updated",
                             .target_type = "user",
                             .target_id = before->id,
                             .before = {{"name", before->name}},
                             .after = {{"name", name}}});
    }
    return *user_repo::find_by_id(tx, before->id);
  });
}

}  // namespace cove::accounts
