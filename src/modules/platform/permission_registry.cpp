#include "modules/platform/permission_registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace cove::modules {

namespace {

const PermissionSet kNone;

PermissionSet& role_set(std::vector<std::pair<std::string, PermissionSet>>& roles, std::string_view role) {
  for (auto& [name, set] : roles) {
    if (name == role) return set;
  }
  roles.emplace_back(std::string(role), PermissionSet{});
  return roles.back().second;
}

const PermissionSet& find_role(const std::vector<std::pair<std::string, PermissionSet>>& roles,
                               std::string_view role) {
  for (const auto& [name, set] : roles) {
    if (name == role) return set;
  }
  return kNone;
}

template <std::size_t N>
bool listed(const std::string_view (&list)[N], std::string_view value) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

}  // namespace

void PermissionRegistry::declare(PermissionDecl decl) {
  if (known(decl.name)) throw std::logic_error("permission declared twice: " + decl.name);
  const bool platform = is_platform_permission(decl.name);
  for (const auto& role : decl.roles) {
    const bool valid = platform ? listed(kPlatformRoles, role) : listed(kOrgRoles, role);
    if (!valid) throw std::logic_error("permission " + decl.name + " names unknown role " + role);
    role_set(platform ? platform_roles_ : org_roles_, role).insert(decl.name);
  }
  (platform ? all_platform_ : all_org_).insert(decl.name);
  if (!platform && decl.api_key_scope) key_scopes_.insert(decl.name);
  decls_.push_back(std::move(decl));
}

bool PermissionRegistry::is_org_role(std::string_view role) { return listed(kOrgRoles, role); }
bool PermissionRegistry::is_platform_role(std::string_view role) { return listed(kPlatformRoles, role); }

const PermissionSet& PermissionRegistry::org_role(std::string_view role) const { return find_role(org_roles_, role); }
const PermissionSet& PermissionRegistry::platform_role(std::string_view role) const {
  return find_role(platform_roles_, role);
}

bool PermissionRegistry::known(std::string_view permission) const {
  return all_org_.contains(permission) || all_platform_.contains(permission);
}

}  // namespace cove::modules
