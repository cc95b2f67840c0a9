// /api/v1/orgs/{orgId}/api-keys: create, list, revoke and rotate an organisation's API keys.
// Every route needs keys:manage in the organisation; the secret is in the create and rotate
// responses only.
#include <array>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/route_input.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr std::size_t kIpMaxChars = 64;  // an IPv6 CIDR range is at most 43 characters
constexpr std::array<std::string_view, 3> kStatuses = {"active", "expired", "revoked"};

nlohmann::json optional_time(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(core::format_rfc3339_millis(*ms)) : nlohmann::json(nullptr);
}

nlohmann::json key_json(const ApiKey& k, std::int64_t now_ms) {
  const bool in_grace = k.previous_until_ms && *k.previous_until_ms > now_ms && !k.revoked_ms;
  return {
      {"id", k.id},
      {"name", k.name},
      {"prefix", k.prefix},
      {"scopes", k.scopes},
      {"allowedIps", k.allowed_ips},
      {"createdBy", {{"id", k.created_by}, {"name", k.created_by_name}}},
      {"createdAt", core::format_rfc3339_millis(k.created_ms)},
      {"expiresAt", core::format_rfc3339_millis(k.expires_ms)},
      {"lastUsedAt", optional_time(k.last_used_ms)},
      {"lastUsedIp", k.last_used_ip ? nlohmann::json(*k.last_used_ip) : nlohmann::json(nullptr)},
      {"revokedAt", optional_time(k.revoked_ms)},
      {"previousSecretValidUntil", in_grace ? optional_time(k.previous_until_ms) : nlohmann::json(nullptr)},
      {"status", k.status_at(now_ms)}};
}

nlohmann::json issued_json(const IssuedApiKey& issued, std::int64_t now_ms) {
  auto j = key_json(issued.key, now_ms);
  j["secret"] = issued.secret;
  return j;
}

// A JSON array of short strings, or a field error. `max_items` bounds the work a request causes.
std::vector<std::string> string_array(core::JsonInput& in, const char* name, std::size_t max_items,
                                      std::size_t max_chars) {
  std::vector<std::string> out;
  const auto* v = in.take(name);
  if (v == nullptr) return out;
  if (!v->is_array()) {
    in.add_error(name, "invalid_type", "Must be a list of strings");
    return out;
  }
  if (v->size() > max_items) {
    in.add_error(name, "too_many", fmt::format("At most {} entries", max_items));
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_string() || !core::check_string(item.get<std::string>(), {.max_chars = max_chars}).empty()) {
      in.add_error(name, "invalid_type",
                   fmt::format("Each entry is a non-empty string of at most {} characters", max_chars));
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

NewApiKey read_new_key(const std::string& body) {
  auto in = core::JsonInput::parse(body);
  NewApiKey k;
  k.name = in.required_string("name", {.max_chars = kApiKeyNameMaxChars});
  if (!in.has("scopes")) in.add_error("scopes", "required", "Choose at least one scope");
  k.scopes = string_array(in, "scopes", 32, 64);
  k.expires_in_days = static_cast<int>(
      in.optional_int("expiresInDays", 1, kApiKeyMaxExpiryDays).value_or(kApiKeyDefaultExpiryDays));
  k.allowed_ips = string_array(in, "allowedIps", kApiKeyMaxAllowedIps, kIpMaxChars);
  in.finish();
  return k;
}

ApiKeyListQuery read_list_query(const http::Request& req) {
  ApiKeyListQuery q;
  q.page = http::read_page_request(req);
  q.status = query_choice(req, "status", kStatuses, "Must be active, expired or revoked");
  return q;
}

int read_grace_hours(const std::string& body) {
  auto in = core::JsonInput::parse(body);
  const auto hours = in.required_int("graceHours", 0, kApiKeyMaxGraceHours);
  in.finish();
  return static_cast<int>(hours);
}

http::Response list_keys(const ApiKeyService& service, const http::Request& req) {
  const auto query = read_list_query(req);
  const auto now = service.now_ms();
  const auto page_key = [](const ApiKey& k) { return core::PageKey{k.created_ms, k.id}; };
  const auto to_json = [now](const ApiKey& k) { return key_json(k, now); };
  return http::Response::json(200, http::page_json(service.list(req.org_id, query), query.page, page_key, to_json));
}

http::Response create_key(ApiKeyService& service, const http::Request& req) {
  const auto issued = service.create(req.actor(), req.org_id, read_new_key(req.body));
  return http::Response::json(201, issued_json(issued, service.now_ms()));
}

http::Response rotate_key(ApiKeyService& service, const http::Request& req) {
  const auto grace_hours = read_grace_hours(req.body);
  const auto issued = service.rotate(req.actor(), req.org_id, req.param("keyId"), grace_hours);
  return http::Response::json(200, issued_json(issued, service.now_ms()));
}

}  // namespace

void mount_api_key_routes(http::Router& router, AccountsServices& services) {
  auto& service = services.api_keys;
  auto keys = router.group("/api/v1/orgs/{orgId}/api-keys");

  keys.get("", [&service](http::Request& req) { return list_keys(service, req); }).permission("keys:manage");
  keys.post("", [&service](http::Request& req) { return create_key(service, req); })
      .permission("keys:manage")
      .body_limit(kBodyLimit);
  keys.del("/{keyId}",
           [&service](http::Request& req) {
             service.revoke(req.actor(), req.org_id, req.param("keyId"));
             return http::Response::no_content();
           })
      .permission("keys:manage");
  keys.post("/{keyId}/rotate", [&service](http::Request& req) { return rotate_key(service, req); })
      .permission("keys:manage")
      .body_limit(kBodyLimit);
}

}  // namespace cove::accounts
