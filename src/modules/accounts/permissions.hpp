#pragma once
// The permissions the accounts module owns (organisations, members, API keys, the operation log,
// and the platform's operator permissions), declared into the PermissionRegistry, and what members
// of an organisation that is not active keep. The README's role tables document the result.
#include "modules/platform/permission_registry.hpp"

namespace cove::accounts {

using modules::PermissionSet;

// The permission of routes for any signed-in user about their own account (not API keys).
inline constexpr std::string_view kSelfPermission = "self";

void declare_permissions(modules::PermissionRegistry& registry);

// Permissions an org member keeps while the org is pending, rejected or suspended: only enough
// to see the org and its status.
const PermissionSet& inactive_org_permissions();
// The owner of an organisation awaiting review may still complete the application: correct the
// profile and upload the licence scan the operators review.
const PermissionSet& pending_owner_permissions();

}  // namespace cove::accounts
