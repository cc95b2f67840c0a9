#pragma once
// API-key business rules: who may mint which scopes, expiry, IP allow-lists, revocation and
// rotation with a grace period. Authentication with a key lives in identity.cpp.
//
// Keys may carry any organisation permission except `keys:manage`: a leaked CI key must not be
// able to mint further keys and outlive its own revocation.
#include <string>
#include <string_view>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "modules/accounts/api_key_model.hpp"
#include "modules/platform/permission_registry.hpp"

namespace cove::accounts {

// "cove_sk_" followed by 40 uniformly random base62 characters (~238 bits).
std::string generate_api_key_secret();

class ApiKeyService {
 public:
  // `permissions` tells which permissions exist and which an API key may hold.
  ApiKeyService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock,
                const modules::PermissionRegistry& permissions)
      : db_(db), changes_(changes), clock_(clock), permissions_(permissions) {}

  // Throws 400 `validation_failed` (field `scopes`: unknown_scope, not_allowed, not_permitted;
  // field `allowedIps`: invalid_ip) and 409 `api_keys.limit_reached`.
  IssuedApiKey create(const core::Actor& actor, const std::string& org_id, const NewApiKey& request);
  // Up to query.page.limit + 1 keys (see list_page.hpp), newest first.
  core::Page<ApiKey> list(const std::string& org_id, const ApiKeyListQuery& query) const;
  // Idempotent: revoking a revoked key changes nothing. Throws 404 `api_keys.not_found`.
  void revoke(const core::Actor& actor, const std::string& org_id, const std::string& key_id);
  // New secret; the old one keeps working for `grace_hours` (0–24). Throws 404
  // `api_keys.not_found`, 409 `api_keys.revoked` or `api_keys.expired`.
  IssuedApiKey rotate(const core::Actor& actor, const std::string& org_id, const std::string& key_id,
                      int grace_hours);

  std::int64_t now_ms() const { return clock_.unix_millis(); }

 private:
  ApiKey load(core::Conn& c, const std::string& org_id, const std::string& key_id) const;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const modules::PermissionRegistry& permissions_;
};

}  // namespace cove::accounts
