#include "modules/accounts/accounts_services.hpp"

namespace cove::accounts {

namespace {

core::password::Cost password_cost(const core::Config& config) {
  return {.log_n = static_cast<int>(config.integer("security.passwordHashLogN"))};
}

}  // namespace

AccountsServices::AccountsServices(modules::AppContext& app)
    : sealed(app.secrets.random_key("totp-seal.key")),
      settings(app.db, app.audit, app.clock),
      quotas(settings, app.quotas),
      identity(app.db, app.clock, settings, app.permissions, app.org_resolvers,
               app.secrets.random_key("jwt-hs256.key")),
      lockout(app.changes, app.clock, settings),
      sessions(app.db, app.changes, app.clock, settings, identity.jwt_key()),
      totp(app.db, app.changes, app.clock, settings, sealed, lockout),
      auth(app.db, app.changes, app.clock, password_cost(app.config), lockout, totp, sessions),
      passwords(app.db, app.changes, app.clock, settings, password_cost(app.config), lockout),
      profile(app.db, app.changes, app.clock),
      operators(app.db, app.audit, app.clock, settings, password_cost(app.config)),
      orgs(app.db, app.blobs, app.changes, app.clock, settings, quotas, password_cost(app.config)),
      members(app.db, app.changes, app.clock, settings, quotas, passwords, password_cost(app.config)),
      invitations(app.db, app.changes, app.clock, settings, quotas, password_cost(app.config)),
      api_keys(app.db, app.changes, app.clock, app.permissions),
      branding(app.blobs, settings),
      operation_log(app.db, app.blobs),
      public_url(app.config.http.public_url) {}

}  // namespace cove::accounts
