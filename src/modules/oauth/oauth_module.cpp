#include "modules/oauth/oauth_module.hpp"

#include "modules/oauth/grant_repo.hpp"

namespace cove::oauth {

OauthModule::OauthModule(modules::AppContext& app, accounts::AccountsApi& /*accounts*/, apps::AppsApi& apps,
                         const apps::HostAppStatus& hosts) {
  const auto access_seconds = app.config.integer("oauth.accessTokenMinutes") * 60;
  key_seal_ = std::make_unique<core::SealedBox>(app.secrets.random_key("oauth-key-seal.key"));
  // A retired key stays published while tokens it signed may live, with a minute of clock leeway.
  keys_ = std::make_unique<KeyRing>(app.db, app.changes, app.clock, *key_seal_, (access_seconds + 60) * 1000);
  clients_ = std::make_unique<ClientService>(app.db, app.changes, app.clock, apps);
  auto& tokens = app.metrics.counter_family("cove_oauth_issued_total",
                                            "OAuth authorization codes and token pairs issued", {"kind"});
  flow_ = std::make_unique<FlowService>(
      app.db, app.clock, apps, hosts, *keys_, tokens.with({"code"}), tokens.with({"token"}),
      FlowOptions{.access_token_seconds = access_seconds,
                  .refresh_token_seconds = app.config.integer("oauth.refreshTokenDays") * 24 * 3600});
  services_ = std::make_unique<OauthServices>(OauthServices{.clients = *clients_,
                                                            .flow = *flow_,
                                                            .keys = *keys_,
                                                            .apps = apps,
                                                            .public_url = app.config.http.public_url,
                                                            .access_token_seconds = access_seconds});

  app.jobs.schedule(
      "oauth.prune",
      std::chrono::hours(1),
      [this, &app] {
        const auto now = app.clock.unix_millis();
        app.db.write([&](core::Tx& tx) { grant_repo::prune(tx, now); });
        keys_->prune();
      },
      std::chrono::minutes(2));
}

OauthModule::~OauthModule() = default;

std::vector<core::ConfigKey> OauthModule::config_keys() {
  return {
      {"oauth.accessTokenMinutes", 10,
       "Life of an OAuth access token (a JWT verifiers accept offline; revocation reaches it at introspection).", 1,
       60},
      {"oauth.refreshTokenDays", 30, "Life of an OAuth refresh token (each is rotated on use).", 1, 365},
  };
}

// The first signing key is made here, after the migrations ran (not in the constructor).
void OauthModule::start(modules::AppContext& /*ctx*/) { keys_->load(); }

void OauthModule::register_routes(http::Router& router) {
  mount_oauth_endpoints(router, *services_);
  mount_client_routes(router, *services_);
  mount_runtime_oauth_routes(router, *services_);
}

}  // namespace cove::oauth
