#include "modules/accounts/accounts_module.hpp"

#include "modules/accounts/accounts_routes.hpp"

namespace cove::accounts {

AccountsModule::AccountsModule(modules::AppContext& app) {
  sealed_ = std::make_unique<core::SealedBox>(app.secrets.random_key("totp-seal.key"));
  settings_ = std::make_unique<SettingsService>(app.db, app.audit, app.clock);
  quotas_ = std::make_unique<QuotaService>(*settings_);
  identity_ = std::make_unique<Identity>(app.db, app.clock, *settings_, app.secrets.random_key("jwt-hs256.key"));
  setup_ = std::make_unique<SetupLink>();
  ctx_ = std::make_unique<AccountsContext>(AccountsContext{
      app, *settings_, *quotas_, *identity_, *sealed_,
      core::password::Cost{.log_n = app.config.password_hash_log_n}, *setup_});

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

void AccountsModule::register_org_resolver(std::string param, Identity::OrgResolver resolver) {
  identity_->register_org_resolver(std::move(param), std::move(resolver));
}

std::unordered_set<std::string> AccountsModule::active_org_ids(core::Conn& c) const {
  std::unordered_set<std::string> out;
  auto& st = c.prepare("SELECT id FROM orgs WHERE status = 'active'");
  while (st.executeStep()) out.insert(st.getColumn(0).getString());
  return out;
}

bool AccountsModule::references_blob(core::Conn& c, const std::string& sha256) const {
  // Licence scans, and branding images (their hashes sit in the branding settings document).
  auto& st = c.prepare(
      "SELECT 1 WHERE EXISTS (SELECT 1 FROM orgs WHERE attachment_sha256 = ?1) "
      "OR EXISTS (SELECT 1 FROM settings WHERE key = 'branding' AND instr(value, ?1) > 0)");
  st.bind(1, sha256);
  return st.executeStep();
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
