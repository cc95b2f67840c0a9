#pragma once
// Platform settings documents (stored as JSON in `settings`, edited by operators). Defaults here
// are what a fresh platform runs with.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::accounts {

struct SecuritySettings {
  int lockout_max_failures = 5;      // failed sign-ins before the account locks
  int lockout_minutes = 15;
  int ip_max_failures = 50;          // failed sign-ins from one IP (any account) before it locks
  int password_min_length = 10;
  int password_min_classes = 3;      // of lower, upper, digit, symbol
  int password_expiry_days = 0;      // 0 = passwords do not expire
  int password_history = 5;          // the last K passwords cannot be reused
  int access_ttl_seconds = 900;
  int refresh_ttl_days = 30;
  bool require_2fa_operators = false;
  std::vector<std::string> cors_origins;
  int api_key_requests_per_minute = 600;
  int invitation_ttl_hours = 72;
  bool operator==(const SecuritySettings&) const = default;
};

// The platform's quota defaults as stored (settings key "quotas"): {key: n} for the keys an operator
// set; accounts/quota_service.hpp merges them with the declared defaults.
struct QuotaDefaults {
  nlohmann::json doc = nlohmann::json::object();
  bool operator==(const QuotaDefaults&) const = default;
};

struct Branding {
  std::string product_name = "Cove";
  std::string logo_sha256;         // blobs; empty = built-in
  std::string favicon_sha256;
  std::string login_image_sha256;
  std::string login_title;
  std::string login_text;
  std::string copyright;
  bool operator==(const Branding&) const = default;
};

nlohmann::json to_json(const SecuritySettings& s);
nlohmann::json to_json(const QuotaDefaults& q);
nlohmann::json to_json(const Branding& b);
// Read a stored document over the defaults (unknown or mistyped keys keep the default, so an
// older binary can read a newer document).
SecuritySettings security_from_json(const nlohmann::json& j);
QuotaDefaults quotas_from_json(const nlohmann::json& j);
Branding branding_from_json(const nlohmann::json& j);

}  // namespace cove::accounts
