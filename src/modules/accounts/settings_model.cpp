#include "modules/accounts/settings_model.hpp"

namespace cove::accounts {

namespace {
template <class T>
void read(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it == j.end()) return;
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    // keep the default
  }
}
}  // namespace

nlohmann::json to_json(const SecuritySettings& s) {
  return {{"lockoutMaxFailures", s.lockout_max_failures},
          {"lockoutMinutes", s.lockout_minutes},
          {"ipMaxFailures", s.ip_max_failures},
          {"passwordMinLength", s.password_min_length},
          {"passwordMinClasses", s.password_min_classes},
          {"passwordExpiryDays", s.password_expiry_days},
          {"passwordHistory", s.password_history},
          {"accessTtlSeconds", s.access_ttl_seconds},
          {"refreshTtlDays", s.refresh_ttl_days},
          {"require2faOperators", s.require_2fa_operators},
          {"corsOrigins", s.cors_origins},
          {"apiKeyRequestsPerMinute", s.api_key_requests_per_minute},
          {"invitationTtlHours", s.invitation_ttl_hours}};
}

SecuritySettings security_from_json(const nlohmann::json& j) {
  SecuritySettings s;
  if (!j.is_object()) return s;
  read(j, "lockoutMaxFailures", s.lockout_max_failures);
  read(j, "lockoutMinutes", s.lockout_minutes);
  read(j, "ipMaxFailures", s.ip_max_failures);
  read(j, "passwordMinLength", s.password_min_length);
  read(j, "passwordMinClasses", s.password_min_classes);
  read(j, "passwordExpiryDays", s.password_expiry_days);
  read(j, "passwordHistory", s.password_history);
  read(j, "accessTtlSeconds", s.access_ttl_seconds);
  read(j, "refreshTtlDays", s.refresh_ttl_days);
  read(j, "require2faOperators", s.require_2fa_operators);
  read(j, "corsOrigins", s.cors_origins);
  read(j, "apiKeyRequestsPerMinute", s.api_key_requests_per_minute);
  read(j, "invitationTtlHours", s.invitation_ttl_hours);
  return s;
}

nlohmann::json to_json(const QuotaDefaults& q) { return q.doc; }

QuotaDefaults quotas_from_json(const nlohmann::json& j) {
  return {j.is_object() ? j : nlohmann::json::object()};
}

nlohmann::json to_json(const Branding& b) {
  return {{"productName", b.product_name}, {"logoSha256", b.logo_sha256},   {"faviconSha256", b.favicon_sha256},
          {"loginImageSha256", b.login_image_sha256}, {"loginTitle", b.login_title}, {"loginText", b.login_text},
          {"copyright", b.copyright}};
}

Branding branding_from_json(const nlohmann::json& j) {
  Branding b;
  if (!j.is_object()) return b;
  read(j, "productName", b.product_name);
  read(j, "logoSha256", b.logo_sha256);
  read(j, "faviconSha256", b.favicon_sha256);
  read(j, "loginImageSha256", b.login_image_sha256);
  read(j, "loginTitle", b.login_title);
  read(j, "loginText", b.login_text);
  read(j, "copyright", b.copyright);
  return b;
}

}  // namespace cove::accounts
