#pragma once
// Permissions, declared by the module that owns them (DESIGN.md §3, §7): its name, what it allows
// (for the README's table and the console) and the roles that hold it. Routes declare the
// permission they need; roles are the sets built here; API-key scopes are a subset.
//
//   ctx.permissions.declare({.name = "apps:write", .description = "create and edit mini-programs",
//                            .roles = {"owner", "admin", "developer"}});
//
// Declared while the modules are constructed, read-only once the server starts. A permission
// named twice, or held by a role that does not exist, is a start-up error.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cove::modules {

using PermissionSet = std::set<std::string, std::less<>>;

// Organisation roles, most to least powerful, and platform operator roles.
inline constexpr std::string_view kOrgRoles[] = {"owner", "admin", "developer", "viewer"};
inline constexpr std::string_view kPlatformRoles[] = {"platform_admin", "platform_reviewer"};

struct PermissionDecl {
  std::string name;         // "<area>:<verb>"; platform permissions start with "platform:"
  std::string description;  // what it allows, in a few words
  std::vector<std::string> roles;
  bool api_key_scope = true;  // whether an API key may hold it (organisation permissions only)
};

class PermissionRegistry {
 public:
  void declare(PermissionDecl decl);

  static bool is_org_role(std::string_view role);
  static bool is_platform_role(std::string_view role);
  // What a role grants; empty for an unknown role.
  const PermissionSet& org_role(std::string_view role) const;
  const PermissionSet& platform_role(std::string_view role) const;
  // Every organisation permission, and those an API key may hold.
  const PermissionSet& all_org() const { return all_org_; }
  bool is_api_key_scope(std::string_view permission) const { return key_scopes_.contains(permission); }
  bool known(std::string_view permission) const;
  static bool is_platform_permission(std::string_view permission) { return permission.starts_with("platform:"); }
  // In declaration order (documentation, the console's role tables).
  const std::vector<PermissionDecl>& declarations() const { return decls_; }

 private:
  std::vector<PermissionDecl> decls_;
  std::vector<std::pair<std::string, PermissionSet>> org_roles_;
  std::vector<std::pair<std::string, PermissionSet>> platform_roles_;
  PermissionSet all_org_;
  PermissionSet all_platform_;
  PermissionSet key_scopes_;
};

}  // namespace cove::modules
