#include "modules/accounts/permissions.hpp"

namespace cove::accounts {

void declare_permissions(modules::PermissionRegistry& r) {
  const std::vector<std::string> everyone = {"owner", "admin", "developer", "viewer"};
  const std::vector<std::string> managers = {"owner", "admin"};
  r.declare({"org:read", "see the organisation, status, quotas", everyone});
  r.declare({"org:manage", "edit profile and security policy", managers});
  r.declare({"members:read", "list members and invitations", everyone});
  r.declare({"members:manage", "invite, add, remove, change roles, reset passwords", managers});
  // A leaked CI key must not be able to mint keys that outlive it.
  r.declare({"keys:manage", "API keys", managers, /*api_key_scope=*/false});
  r.declare({"audit:read", "the organisation's operation log", managers});

  const std::vector<std::string> operators = {"platform_admin", "platform_reviewer"};
  const std::vector<std::string> admins = {"platform_admin"};
  r.declare({"platform:read", "read-only view of everything", operators});
  r.declare({"platform:orgs", "approve, reject, suspend, reactivate; quotas", admins});
  r.declare({"platform:review", "review versions, take mini-programs down", operators});
  r.declare({"platform:settings", "security policy, quota defaults, branding", admins});
  r.declare({"platform:operators", "manage operators", admins});
  r.declare({"platform:audit", "the whole operation log", admins});
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
