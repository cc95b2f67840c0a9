#include "modules/accounts/permissions.hpp"

#include <algorithm>
#include <map>

namespace cove::accounts {

namespace {

// Organisation permissions:
//   org:read        see the organisation, its status and quotas
//   org:manage      edit the organisation profile and security policy
//   members:read    list members and invitations
//   members:manage  invite, add, remove members, change roles, reset their passwords
//   apps:read       see mini-programs, versions and host apps
//   apps:write      create and edit mini-programs and host apps, upload packages
//   apps:release    release, roll back and run gray releases
//   keys:manage     create, rotate and revoke API keys
//   audit:read      read the organisation's operation log
const std::map<std::string, PermissionSet, std::less<>>& org_table() {
  static const std::map<std::string, PermissionSet, std::less<>> table = {
      {"owner",
       {"org:read", "org:manage", "members:read", "members:manage", "apps:read", "apps:write", "apps:release",
        "keys:manage", "audit:read"}},
      {"admin",
       {"org:read", "org:manage", "members:read", "members:manage", "apps:read", "apps:write", "apps:release",
        "keys:manage", "audit:read"}},
      {"developer", {"org:read", "members:read", "apps:read", "apps:write", "apps:release"}},
      {"viewer", {"org:read", "members:read", "apps:read"}},
  };
  return table;
}

// Platform permissions:
//   platform:read       read-only view of every organisation, mini-program and setting
//   platform:orgs       approve, reject, suspend and reactivate organisations; set quotas
//   platform:review     review mini-program versions; take mini-programs down
//   platform:settings   security policy, quota defaults, branding, base-library versions
//   platform:operators  manage operators
//   platform:audit      read the whole operation log
const std::map<std::string, PermissionSet, std::less<>>& platform_table() {
  static const std::map<std::string, PermissionSet, std::less<>> table = {
      {"platform_admin",
       {"platform:read", "platform:orgs", "platform:review", "platform:settings", "platform:operators",
        "platform:audit"}},
      {"platform_reviewer", {"platform:read", "platform:review"}},
  };
  return table;
}

const PermissionSet& lookup(const std::map<std::string, PermissionSet, std::less<>>& table, std::string_view role) {
  static const PermissionSet kNone;
  auto it = table.find(role);
  return it == table.end() ? kNone : it->second;
}

}  // namespace

bool is_org_role(std::string_view role) { return org_table().contains(role); }
bool is_platform_role(std::string_view role) { return platform_table().contains(role); }

const PermissionSet& org_role_permissions(std::string_view role) { return lookup(org_table(), role); }
const PermissionSet& platform_role_permissions(std::string_view role) { return lookup(platform_table(), role); }

const PermissionSet& all_org_permissions() { return org_role_permissions("owner"); }

bool is_platform_permission(std::string_view permission) {
  return platform_role_permissions("platform_admin").contains(permission);
}

bool is_known_permission(std::string_view permission) {
  return all_org_permissions().contains(permission) || is_platform_permission(permission);
}

const PermissionSet& inactive_org_permissions() {
  static const PermissionSet kInactive = {"org:read"};
  return kInactive;
}

const PermissionSet& pending_owner_permissions() {
  static const PermissionSet kPendingOwner = {"org:read", "org:manage"};
  return kPendingOwner;
}

}  // namespace cove::accounts
