#pragma once
// Who is calling, and may they? Installed into the HTTP pipeline as the identity and permission
// hooks (http/hooks.hpp):
//  - identify(): `Authorization: Bearer <access JWT>` → the user, their platform role and their
//    permissions in every org (checked against the session, so sign-out takes effect at once);
//    `Bearer cove_sk_…` → the API key's scopes in its org, intersected with its creator's current
//    role. Bad or missing credentials leave the request a guest. Resolved identities are memoised
//    in PrincipalCache, whose entries any committed write invalidates (principal_cache.hpp).
//  - check_permission(): "self" = any signed-in user; "platform:*" = operator permissions;
//    anything else is an org permission, checked in the org named by {orgId} or owning the
//    resource in the path (resolvers registered by the modules that own those resources).
//    Non-members get 404, never 403, so ids cannot be probed; operators with platform:read may
//    use org ":read" routes.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/cidr.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "http/types.hpp"
#include "modules/accounts/api_key_model.hpp"
#include "modules/accounts/permissions.hpp"
#include "modules/accounts/principal_cache.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/platform/org_resolvers.hpp"
#include "modules/platform/permission_registry.hpp"

namespace cove::accounts {


class Identity {
 public:
  // `permissions` gives the roles' permission sets; `resolvers` find the organisation owning the
  // resource a path parameter names (both filled by the modules before serving).
  Identity(core::Db& db, const core::Clock& clock, SettingsService& settings,
           const modules::PermissionRegistry& permissions, const modules::OrgResolverRegistry& resolvers,
           std::string jwt_key);

  void identify(http::Request& req);
  void check_permission(http::Request& req, const std::string& permission);

  const std::string& jwt_key() const { return jwt_key_; }

 private:
  // What an API key grants, apart from the per-request checks (allowed IPs, rate limit).
  struct KeyGrant {
    std::shared_ptr<const core::Principal> principal;
    bool ip_restricted = false;  // a non-empty allow-list: the caller's IP must be in `allowed`
    std::vector<core::CidrRange> allowed;
  };

  // `valid_until_ms` is lowered to the moment the loaded rows stop granting this principal on
  // their own (session expiry, password expiry).
  std::shared_ptr<const core::Principal> load_user_at(const std::string& user_id,
                                                      const std::string& session_id,
                                                      const SecuritySettings& security, std::int64_t now,
                                                      std::int64_t& valid_until_ms);
  std::optional<KeyGrant> load_key(const std::string& secret_hash, std::int64_t now,
                                   std::int64_t& valid_until_ms);
  std::shared_ptr<const core::Principal> from_access_token(std::string_view token);
  std::shared_ptr<const core::Principal> from_api_key(std::string_view token, const std::string& ip);
  std::string resolve_org(http::Request& req);
  void note_key_use(const std::string& key_id, const std::string& ip);

  core::Db& db_;
  const core::Clock& clock_;
  SettingsService& settings_;
  std::string jwt_key_;
  const modules::PermissionRegistry& permissions_;
  const modules::OrgResolverRegistry& resolvers_;
  PrincipalCache<std::shared_ptr<const core::Principal>> users_;  // by session id and user id
  PrincipalCache<KeyGrant> keys_;                                 // by the key's SHA-256

  std::mutex key_state_mutex_;
  // Replaced when the configured rate changes; callers hold their own reference while using it.
  std::shared_ptr<http::RateLimiter> key_limiter_;
  int key_limiter_rate_ = 0;  // requests per minute the limiter was built with
  std::unordered_map<std::string, std::int64_t> key_last_written_ms_;
};

}  // namespace cove::accounts
