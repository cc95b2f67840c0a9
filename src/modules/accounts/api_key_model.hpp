#pragma once
// API keys for CI and OpenAPI clients (issue 3 "API keys"). A key belongs to one organisation and
// holds a set of scopes; what it may do at any moment is those scopes intersected with its
// creator's current role there (identity.cpp). The secret itself is never stored: only its
// SHA-256, plus the previous secret's hash during a rotation grace period.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/page.hpp"

namespace cove::accounts {

// Every secret starts with this, so identity tells a key from an access token at a glance.
inline constexpr std::string_view kApiKeyPrefix = "cove_sk_";
inline constexpr int kApiKeyDefaultExpiryDays = 90;
inline constexpr int kApiKeyMaxExpiryDays = 365;
inline constexpr int kApiKeyMaxGraceHours = 24;
inline constexpr std::size_t kApiKeyMaxAllowedIps = 20;
inline constexpr std::size_t kApiKeyNameMaxChars = 100;
// Active (unrevoked, unexpired) keys per organisation: enough for every pipeline, small enough
// that a forgotten script minting keys in a loop is noticed.
inline constexpr std::int64_t kApiKeyMaxActivePerOrg = 100;

struct ApiKey {
  std::string id;  // key_…
  std::string org_id;
  std::string name;
  std::string prefix;  // the secret's first characters, so people can tell keys apart
  std::vector<std::string> scopes;
  std::vector<std::string> allowed_ips;  // IPs or CIDR ranges; empty = any address
  std::string created_by;                // usr_…
  std::string created_by_name;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
  std::optional<std::int64_t> revoked_ms;
  std::optional<std::int64_t> last_used_ms;
  std::optional<std::string> last_used_ip;
  // While set and in the future, the secret replaced by the last rotation still works.
  std::optional<std::int64_t> previous_until_ms;

  std::string_view status_at(std::int64_t now_ms) const {
    if (revoked_ms) return "revoked";
    if (expires_ms <= now_ms) return "expired";
    return "active";
  }
};

// What a caller asks for when creating a key (already shape-checked by the route).
struct NewApiKey {
  std::string name;
  std::vector<std::string> scopes;
  int expires_in_days = kApiKeyDefaultExpiryDays;
  std::vector<std::string> allowed_ips;
};

// A key together with its secret: returned once, by create and rotate, and never again.
struct IssuedApiKey {
  ApiKey key;
  std::string secret;
};

// Newest first, keyset-paged on (created_ms, id).
struct ApiKeyListQuery {
  std::optional<std::string> status;  // active | expired | revoked
  core::PageRequest page;
};

}  // namespace cove::accounts
