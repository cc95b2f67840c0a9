#include "modules/accounts/api_key_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/cidr.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/accounts/api_key_repo.hpp"
#include "modules/accounts/permissions.hpp"

namespace cove::accounts {

namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
constexpr std::size_t kSecretChars = 40;
constexpr std::size_t kPrefixChars = 12;

nlohmann::json key_summary(const ApiKey& k) {
  return {{"name", k.name},
          {"prefix", k.prefix},
          {"scopes", k.scopes},
          {"allowedIps", k.allowed_ips},
          {"expiresAt", core::format_rfc3339_millis(k.expires_ms)}};
}

// The operation-log entry of a change to one key.
core::AuditEntry key_entry(const std::string& org_id, const std::string& key_id, std::string action,
                           nlohmann::json before, nlohmann::json after) {
  return {.org_id = org_id,
          .action = std::move(action),
          .target_type = "api_key",
          .target_id = key_id,
          .before = std::move(before),
          .after = std::move(after)};
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

std::string generate_api_key_secret() {
  static constexpr std::string_view kAlphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string secret(kApiKeyPrefix);
  const auto target = kApiKeyPrefix.size() + kSecretChars;
  while (secret.size() < target) {
    for (unsigned char b : core::crypto::random_bytes(64)) {
      // Rejection sampling keeps every character uniform: 62 * 4 = 248 usable byte values.
      if (b >= 248) continue;
      secret.push_back(kAlphabet[b % 62]);
      if (secret.size() == target) break;
    }
  }
  return secret;
}

IssuedApiKey ApiKeyService::create(const core::Actor& actor, const std::string& org_id,
                                   const NewApiKey& request) {
  const auto& principal = *actor.principal;
  // The key's power is bounded by its creator's role for as long as it lives, so a creator must
  // be a person with a role, never another key.
  if (principal.kind != core::Principal::Kind::kUser) {
    throw core::Error::forbidden("API keys cannot create API keys");
  }

  core::FieldErrors errors;
  std::vector<std::string> scopes;
  for (const auto& s : request.scopes) {
    if (!permissions_.all_org().contains(s)) {
      errors.add("scopes", "unknown_scope", fmt::format("'{}' is not a permission", s));
    } else if (!permissions_.is_api_key_scope(s)) {
      errors.add("scopes", "not_allowed", fmt::format("API keys cannot hold '{}'", s));
    } else if (!principal.can_in_org(org_id, s)) {
      errors.add("scopes", "not_permitted", fmt::format("You do not hold '{}' in this organisation", s));
    }
    add_unique(scopes, s);
  }
  if (request.scopes.empty()) errors.add("scopes", "required", "Choose at least one scope");
  std::vector<std::string> allowed_ips;
  for (const auto& ip : request.allowed_ips) {
    if (!core::CidrRange::parse(ip)) {
      errors.add("allowedIps", "invalid_ip", fmt::format("'{}' is not an IP address or CIDR range", ip));
    }
    add_unique(allowed_ips, ip);
  }
  errors.throw_if_any();

  const auto now = now_ms();
  IssuedApiKey issued;
  issued.secret = generate_api_key_secret();
  auto& key = issued.key;
  key.id = core::new_id("key");
  key.org_id = org_id;
  key.name = request.name;
  key.prefix = issued.secret.substr(0, kPrefixChars);
  key.scopes = std::move(scopes);
  key.allowed_ips = std::move(allowed_ips);
  key.created_by = principal.id;
  key.created_by_name = principal.name;
  key.created_ms = now;
  key.expires_ms = now + request.expires_in_days * kDayMs;

  db_.write([&](core::Tx& tx) {
    if (api_key_repo::count_active(tx, org_id, now) >= kApiKeyMaxActivePerOrg) {
      throw core::Error(
          409, "api_keys.limit_reached",
          fmt::format("This organisation already has {} active API keys; revoke unused ones first",
                      kApiKeyMaxActivePerOrg),
          {{"limit", kApiKeyMaxActivePerOrg}});
    }
    api_key_repo::insert(tx, key, core::crypto::sha256_hex(issued.secret));
    changes_.record(tx, actor, key_entry(org_id, key.id, "api_key.created", nullptr, key_summary(key)));
  });
  return issued;
}

core::Page<ApiKey> ApiKeyService::list(const std::string& org_id, const ApiKeyListQuery& query) const {
  const auto now = now_ms();
  return db_.read([&](core::Conn& c) { return api_key_repo::list(c, org_id, query, now); });
}

ApiKey ApiKeyService::load(core::Conn& c, const std::string& org_id, const std::string& key_id) const {
  auto key = api_key_repo::find(c, org_id, key_id);
  if (!key) throw errors::api_key_not_found();
  return *key;
}

void ApiKeyService::revoke(const core::Actor& actor, const std::string& org_id, const std::string& key_id) {
  const auto now = now_ms();
  db_.write([&](core::Tx& tx) {
    const auto key = load(tx, org_id, key_id);
    if (key.revoked_ms) return;
    api_key_repo::revoke(tx, org_id, key_id, now);
    changes_.record(tx, actor,
                    key_entry(org_id, key_id, "api_key.revoked",
                              {{"name", key.name}, {"prefix", key.prefix}, {"status", key.status_at(now)}},
                              {{"status", "revoked"}}));
  });
}

IssuedApiKey ApiKeyService::rotate(const core::Actor& actor, const std::string& org_id,
                                   const std::string& key_id, int grace_hours) {
  const auto now = now_ms();
  IssuedApiKey issued;
  issued.secret = generate_api_key_secret();
  const auto prefix = issued.secret.substr(0, kPrefixChars);
  const auto previous_until =
      grace_hours > 0 ? std::optional<std::int64_t>(now + grace_hours * kHourMs) : std::nullopt;

  db_.write([&](core::Tx& tx) {
    auto key = load(tx, org_id, key_id);
    if (key.revoked_ms) throw core::Error::conflict("api_keys.revoked", "This API key is revoked");
    if (key.expires_ms <= now) throw core::Error::conflict("api_keys.expired", "This API key has expired");
    api_key_repo::rotate(tx, org_id, key_id, core::crypto::sha256_hex(issued.secret), prefix, previous_until);
    const auto grace_end =
        previous_until ? nlohmann::json(core::format_rfc3339_millis(*previous_until)) : nlohmann::json(nullptr);
    changes_.record(tx, actor,
                    key_entry(org_id, key_id, "api_key.rotated", {{"prefix", key.prefix}},
                              {{"prefix", prefix}, {"previousValidUntil", grace_end}}));
    key.prefix = prefix;
    key.previous_until_ms = previous_until;
    issued.key = std::move(key);
  });
  return issued;
}

}  // namespace cove::accounts
