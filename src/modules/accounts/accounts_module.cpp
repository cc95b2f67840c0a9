#include "modules/accounts/accounts_module.hpp"

#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/permissions.hpp"

namespace cove::accounts {

AccountsModule::AccountsModule(modules::AppContext& app) {
  sealed_ = std::make_unique<core::SealedBox>(app.secrets.random_key("totp-seal.key"));
  settings_ = std::make_unique<SettingsService>(app.db, app.audit, app.clock);
  quotas_ = std::make_unique<QuotaService>(*settings_, app.quotas);
  identity_ = std::make_unique<Identity>(app.db, app.clock, *settings_, app.permissions, app.org_resolvers,
                                         app.secrets.random_key("jwt-hs256.key"));
  setup_ = std::make_unique<SetupLink>();
  ctx_ = std::make_unique<AccountsContext>(AccountsContext{
      app, *settings_, *quotas_, *identity_, *sealed_,
      core::password::Cost{.log_n = static_cast<int>(app.config.integer("security.passwordHashLogN"))}, *setup_});

  declare_permissions(app.permissions);
  app.quotas.declare({.key = std::string(kMaxMembers),
                      .description = "members of the organisation",
                      .default_limit = 100,
                      .min = 1,
                      .max = 100000,
                      .usage = [](core::Conn& c, const std::string& org_id) { return member_repo::count(c, org_id); }});
  // Licence scans, and branding images (their hashes sit in the branding settings document).
  app.blob_references.add("licence scans and branding images", [](core::Conn& c, const std::string& sha256) {
    return c
        .query_one<int>(
            "SELECT 1 WHERE EXISTS (SELECT 1 FROM orgs WHERE attachment_sha256 = ?1) "
            "OR EXISTS (SELECT 1 FROM settings WHERE key = 'branding' AND instr(value, ?1) > 0)",
            sha256)
        .has_value();
  });

  // Installed at construction, before any module registers routes or the server starts.
  app.hooks.identify = [this](http::Request& req) { identity_->identify(req); };
  app.hooks.check_permission = [this](http::Request& req, const std::string& permission) {
    identity_->check_permission(req, permission);
  };
  const auto config_origins = app.config.http.cors_origins;
  app.hooks.cors_allowed = [this, config_origins](std::string_view origin) {
    for (const auto& o : config_origins) {
      if (o == origin) return true;
    }
    for (const auto& o : settings_->security()->cors_origins) {
      if (o == origin) return true;
    }
    return false;
  };
}

AccountsModule::~AccountsModule() = default;

std::vector<core::ConfigKey> AccountsModule::config_keys() {
  return {
      {"security.passwordHashLogN", 15,
       "scrypt cost for password hashes as log2(N); 15 (32 MiB per hash) is the production setting.", 10, 16},
      {"admin.email", "",
       "Email address of the first platform operator, created at start when the platform has none; needs "
       "admin.password. Usually given as COVE_ADMIN_EMAIL."},
      {"admin.password", "",
       "Password of that first operator; it must meet the password policy. Usually given as COVE_ADMIN_PASSWORD "
       "rather than written in a file."},
  };
}

std::unordered_set<std::string> AccountsModule::active_org_ids(core::Conn& c) const {
  const auto ids = c.query_all<std::string>("SELECT id FROM orgs WHERE status = 'active'");
  return {ids.begin(), ids.end()};
}

void AccountsModule::register_routes([[maybe_unused]] http::Router& router) {
  // accounts-routes: each feature's mount function, in the order the API reference lists them.
  mount_auth_routes(router, *ctx_);
  mount_me_routes(router, *ctx_);
  mount_operator_routes(router, *ctx_);
  mount_setup_routes(router, *ctx_);
  mount_api_key_routes(router, *ctx_);
  mount_org_routes(router, *ctx_);
  mount_member_routes(router, *ctx_);
  mount_platform_org_routes(router, *ctx_);
  mount_settings_routes(router, *ctx_);
}

void AccountsModule::start(modules::AppContext& /*app*/) {
  // accounts-start: one-time set-up that needs the database.
  ensure_first_operator(*ctx_);
}

}  // namespace cove::accounts
