#pragma once
// Roles and the permissions they grant: the one table the whole platform checks against
// (documented in the README). Routes declare a permission; API-key scopes are subsets of these.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cove::accounts {

using PermissionSet = std::set<std::string, std::less<>>;

// Organisation roles, most to least powerful.
inline constexpr std::string_view kOrgRoles[] = {"owner", "admin", "developer", "viewer"};
inline constexpr std::string_view kPlatformRoles[] = {"platform_admin", "platform_reviewer"};

bool is_org_role(std::string_view role);
bool is_platform_role(std::string_view role);
// What a role grants; empty for an unknown role.
const PermissionSet& org_role_permissions(std::string_view role);
const PermissionSet& platform_role_permissions(std::string_view role);
// Every organisation permission (API-key scopes must come from here).
const PermissionSet& all_org_permissions();
// Every permission that exists, org and platform; a route declaring anything else is a bug.
bool is_known_permission(std::string_view permission);
bool is_platform_permission(std::string_view permission);

// Permissions an org member keeps while the org is pending, rejected or suspended: only enough
// to see the org and its status.
const PermissionSet& inactive_org_permissions();
// The owner of an organisation awaiting review may still complete the application: correct the
// profile and upload the licence scan the operators review.
const PermissionSet& pending_owner_permissions();

}  // namespace cove::accounts
