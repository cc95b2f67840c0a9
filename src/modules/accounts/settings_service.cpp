#include "modules/accounts/settings_service.hpp"

#include "core/error.hpp"
#include "modules/accounts/settings_repo.hpp"

namespace cove::accounts {

namespace {

constexpr const char* kSecurity = "security";
constexpr const char* kQuotas = "quotas";
constexpr const char* kBranding = "branding";

nlohmann::json load(core::Db& db, const char* key) {
  return db.read([&](core::Conn& c) { return settings_repo::load(c, key); });
}

template <class T>
void set_int(core::JsonInput& in, const char* name, std::int64_t min, std::int64_t max, T& out) {
  if (auto v = in.optional_int(name, min, max)) out = static_cast<T>(*v);
}

// "https://console.example.com" or "http://127.0.0.1:5173": scheme, host, optional port, no path.
bool valid_origin(const std::string& o) {
  if (o.size() > 200) return false;
  const auto scheme_end = o.find("://");
  if (scheme_end == std::string::npos) return false;
  const auto scheme = o.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const auto host = o.substr(scheme_end + 3);
  if (host.empty()) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' ||
                    c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

SettingsService::SettingsService(core::Db& db, core::AuditLog& audit, const core::Clock& clock)
    : db_(db), audit_(audit), clock_(clock) {
  security_ = std::make_shared<const SecuritySettings>(security_from_json(load(db_, kSecurity)));
  quotas_ = std::make_shared<const QuotaDefaults>(quotas_from_json(load(db_, kQuotas)));
  branding_ = std::make_shared<const Branding>(branding_from_json(load(db_, kBranding)));
}

void SettingsService::store(core::Tx& tx, const core::Actor& actor, const std::string& key,
                            const nlohmann::json& before, const nlohmann::json& after) {
  settings_repo::store(tx, key, after, clock_.unix_millis(), actor.principal->id);
  audit_.record(tx, actor, {.action = "settings." + key + "_updated", .target_type = "settings", .target_id = key,
                            .before = before, .after = after});
}

template <class T, class FromJson, class Edit>
T SettingsService::read_modify_write(const core::Actor& actor, const char* key, FromJson from_json,
                                     std::atomic<std::shared_ptr<const T>>& snapshot, Edit edit) {
  // The stored document is read inside the write transaction, so two concurrent edits of
  // different fields both land; the lock orders the snapshot swaps as the commits.
  std::lock_guard lock(update_mutex_);
  T updated = db_.write([&](core::Tx& tx) {
    const T stored = from_json(settings_repo::load(tx, key));
    T value = stored;
    edit(value);
    if (value != stored) store(tx, actor, key, to_json(stored), to_json(value));
    return value;
  });
  snapshot = std::make_shared<const T>(updated);
  return updated;
}

SecuritySettings SettingsService::update_security(const core::Actor& actor, core::JsonInput& in) {
  return read_modify_write(actor, kSecurity, security_from_json, security_, [&](SecuritySettings& s) {
    set_int(in, "lockoutMaxFailures", 1, 100, s.lockout_max_failures);
    set_int(in, "lockoutMinutes", 1, 1440, s.lockout_minutes);
    set_int(in, "ipMaxFailures", 1, 10000, s.ip_max_failures);
    set_int(in, "passwordMinLength", 8, 128, s.password_min_length);
    set_int(in, "passwordMinClasses", 1, 4, s.password_min_classes);
    set_int(in, "passwordExpiryDays", 0, 3650, s.password_expiry_days);
    set_int(in, "passwordHistory", 0, 24, s.password_history);
    set_int(in, "accessTtlSeconds", 60, 3600, s.access_ttl_seconds);
    set_int(in, "refreshTtlDays", 1, 365, s.refresh_ttl_days);
    set_int(in, "apiKeyRequestsPerMinute", 1, 100000, s.api_key_requests_per_minute);
    set_int(in, "invitationTtlHours", 1, 720, s.invitation_ttl_hours);
    if (auto v = in.optional_bool("require2faOperators")) s.require_2fa_operators = *v;
    if (const auto* origins = in.take("corsOrigins")) {
      if (!origins->is_array() || origins->size() > 20) {
        in.add_error("corsOrigins", "invalid", "Must be a list of at most 20 origins");
      } else {
        std::vector<std::string> list;
        for (const auto& o : *origins) {
          if (!o.is_string() || !valid_origin(o.get<std::string>())) {
            in.add_error("corsOrigins", "invalid_origin", "Each origin looks like https://console.example.com");
            break;
          }
          list.push_back(o.get<std::string>());
        }
        s.cors_origins = std::move(list);
      }
    }
    in.finish();  // throws on any field error: the transaction rolls back, nothing is written
  });
}

QuotaDefaults SettingsService::update_quotas(const core::Actor& actor,
                                            const std::function<void(nlohmann::json&)>& edit) {
  return read_modify_write(actor, kQuotas, quotas_from_json, quotas_, [&](QuotaDefaults& q) { edit(q.doc); });
}

Branding SettingsService::update_branding(const core::Actor& actor, core::JsonInput& in) {
  return read_modify_write(actor, kBranding, branding_from_json, branding_, [&](Branding& b) {
    if (auto v = in.optional_string("productName", {.min_chars = 1, .max_chars = 60})) b.product_name = *v;
    if (auto v = in.optional_string("loginTitle", {.min_chars = 0, .max_chars = 100})) b.login_title = *v;
    if (auto v = in.optional_string("loginText", {.min_chars = 0, .max_chars = 1000, .multiline = true}))
      b.login_text = *v;
    if (auto v = in.optional_string("copyright", {.min_chars = 0, .max_chars = 200})) b.copyright = *v;
    in.finish();
  });
}

Branding SettingsService::set_branding_image(const core::Actor& actor, BrandingImage image,
                                             const std::string& sha256) {
  return read_modify_write(actor, kBranding, branding_from_json, branding_, [&](Branding& b) {
    switch (image) {
      case BrandingImage::kLogo: b.logo_sha256 = sha256; break;
      case BrandingImage::kFavicon: b.favicon_sha256 = sha256; break;
      case BrandingImage::kLoginImage: b.login_image_sha256 = sha256; break;
    }
  });
}

}  // namespace cove::accounts
