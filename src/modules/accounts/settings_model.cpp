#include "modules/accounts/settings_model.hpp"

#include <string_view>
#include <tuple>

#include "core/event_type.hpp"

namespace cove::accounts {

namespace {

// Each document's JSON names, listed once for writing and reading it.
constexpr auto kSecurityFields = std::tuple{
    core::field("lockoutMaxFailures", &SecuritySettings::lockout_max_failures),
    core::field("lockoutMinutes", &SecuritySettings::lockout_minutes),
    core::field("ipMaxFailures", &SecuritySettings::ip_max_failures),
    core::field("passwordMinLength", &SecuritySettings::password_min_length),
    core::field("passwordMinClasses", &SecuritySettings::password_min_classes),
    core::field("passwordExpiryDays", &SecuritySettings::password_expiry_days),
    core::field("passwordHistory", &SecuritySettings::password_history),
    core::field("accessTtlSeconds", &SecuritySettings::access_ttl_seconds),
    core::field("refreshTtlDays", &SecuritySettings::refresh_ttl_days),
    core::field("require2faOperators", &SecuritySettings::require_2fa_operators),
    core::field("corsOrigins", &SecuritySettings::cors_origins),
    core::field("apiKeyRequestsPerMinute", &SecuritySettings::api_key_requests_per_minute),
    core::field("invitationTtlHours", &SecuritySettings::invitation_ttl_hours)};

constexpr auto kBrandingFields = std::tuple{core::field("productName", &Branding::product_name),
                                            core::field("logoSha256", &Branding::logo_sha256),
                                            core::field("faviconSha256", &Branding::favicon_sha256),
                                            core::field("loginImageSha256", &Branding::login_image_sha256),
                                            core::field("loginTitle", &Branding::login_title),
                                            core::field("loginText", &Branding::login_text),
                                            core::field("copyright", &Branding::copyright)};

template <class T>
void read(const nlohmann::json& j, std::string_view key, T& out) {
  auto it = j.find(std::string(key));
  if (it == j.end()) return;
  try {
    out = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    // keep the default
  }
}

template <class T, class Fields>
nlohmann::json write_fields(const T& value, const Fields& fields) {
  nlohmann::json out = nlohmann::json::object();
  std::apply([&](const auto&... f) { ((out[std::string(f.name)] = value.*(f.member)), ...); }, fields);
  return out;
}

template <class T, class Fields>
T read_fields(const nlohmann::json& j, const Fields& fields) {
  T out;
  if (!j.is_object()) return out;
  std::apply([&](const auto&... f) { (read(j, f.name, out.*(f.member)), ...); }, fields);
  return out;
}

}  // namespace

nlohmann::json to_json(const SecuritySettings& s) { return write_fields(s, kSecurityFields); }

SecuritySettings security_from_json(const nlohmann::json& j) {
  return read_fields<SecuritySettings>(j, kSecurityFields);
}

nlohmann::json to_json(const QuotaDefaults& q) { return q.doc; }

QuotaDefaults quotas_from_json(const nlohmann::json& j) { return {j.is_object() ? j : nlohmann::json::object()}; }

nlohmann::json to_json(const Branding& b) { return write_fields(b, kBrandingFields); }

Branding branding_from_json(const nlohmann::json& j) { return read_fields<Branding>(j, kBrandingFields); }

}  // namespace cove::accounts
