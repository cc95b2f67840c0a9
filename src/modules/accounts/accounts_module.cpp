#include "modules/accounts/accounts_module.hpp"

#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/accounts_services.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/org_repo.hpp"
#include "modules/accounts/permissions.hpp"
#include "modules/accounts/recipient_repo.hpp"
#include "modules/accounts/settings_repo.hpp"

namespace cove::accounts {

AccountsModule::AccountsModule(modules::AppContext& app)
    : services_(std::make_unique<AccountsServices>(app)) {
  declare(app);
  install_hooks(app);
}

AccountsModule::~AccountsModule() = default;

void AccountsModule::declare(modules::AppContext& app) {
  declare_permissions(app.permissions);
  app.quotas.declare({.key = std::string(kMaxMembers),
                      .description = "members of the organisation",
                      .default_limit = 100,
                      .min = 1,
                      .max = 100000,
                      .usage = [](core::Conn& c, const std::string& org_id) { return member_repo::count(c, org_id); }});
  app.overview.declare({.key = "pendingOrgs",
                        .description = "organisations awaiting approval",
                        .count = [](core::Conn& c) { return org_repo::count_with_status(c, "pending"); }});
  app.blob_references.add("licence scans and branding images", [](core::Conn& c, const std::string& sha256) {
    return org_repo::references_blob(c, sha256) || settings_repo::branding_references(c, sha256);
  });
}

void AccountsModule::install_hooks(modules::AppContext& app) {
  // Installed at construction, before any module registers routes or the server starts.
  auto& identity = services_->identity;
  app.hooks.identify = [&identity](http::Request& req) { identity.identify(req); };
  app.hooks.check_permission = [&identity](http::Request& req, const std::string& permission) {
    identity.check_permission(req, permission);
  };
  const auto& settings = services_->settings;
  app.hooks.cors_allowed = [&settings, config_origins = app.config.http.cors_origins](std::string_view origin) {
    for (const auto& o : config_origins) {
      if (o == origin) return true;
    }
    for (const auto& o : settings.security()->cors_origins) {
      if (o == origin) return true;
    }
    return false;
  };
}

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

const Quotas& AccountsModule::quotas() const { return services_->quotas; }

std::unordered_map<std::string, std::string> AccountsModule::org_names(core::Conn& c,
                                                                      const std::vector<std::string>& org_ids) const {
  return org_repo::names(c, org_ids);
}

std::vector<Recipient> AccountsModule::org_recipients(core::Conn& c, const std::string& org_id,
                                                      const std::vector<std::string>& roles) const {
  return recipient_repo::by_org_roles(c, org_id, roles);
}

std::vector<Recipient> AccountsModule::operator_recipients(core::Conn& c, const std::vector<std::string>& roles) const {
  return recipient_repo::by_platform_roles(c, roles);
}

std::optional<Recipient> AccountsModule::recipient(core::Conn& c, const std::string& user_id) const {
  return recipient_repo::find(c, user_id);
}

std::optional<Recipient> AccountsModule::recipient_by_email(core::Conn& c, const std::string& email) const {
  return recipient_repo::find_by_email(c, email);
}

void AccountsModule::set_password_by_email_proof(const core::Actor& actor, const std::string& user_id,
                                                 const std::string& new_password) {
  services_->passwords.set_by_email_proof(actor, user_id, new_password);
}

void AccountsModule::add_invitation_listener(InvitationListener listener) {
  services_->invitations.add_listener(std::move(listener));
}

std::string AccountsModule::product_name() const { return services_->settings.branding()->product_name; }

std::unordered_set<std::string> AccountsModule::active_org_ids(core::Conn& c) const {
  const auto ids = org_repo::active_ids(c);
  return {ids.begin(), ids.end()};
}

void AccountsModule::register_routes(http::Router& router) {
  // accounts-routes: each feature's mount function, in the order the API reference lists them.
  auto& s = *services_;
  mount_auth_routes(router, s);
  mount_me_routes(router, s);
  mount_operator_routes(router, s);
  mount_setup_routes(router, s);
  mount_api_key_routes(router, s);
  mount_org_routes(router, s);
  mount_member_routes(router, s);
  mount_invitation_routes(router, s);
  mount_platform_org_routes(router, s);
  mount_settings_routes(router, s);
  mount_operation_log_routes(router, s);
}

void AccountsModule::start(modules::AppContext& app) {
  // accounts-start: one-time set-up that needs the database.
  ensure_first_operator(services_->operators, services_->setup, app.config.text("admin.email"),
                        app.config.text("admin.password"));
}

}  // namespace cove::accounts
