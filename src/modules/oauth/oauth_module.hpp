#pragma once
// The OAuth module (issue 20, 用户授权): OAuth 2.1 with PKCE for mini-programs — the host app
// vouches for its user, the mini-program's back end gets RFC 9068 access tokens (oauth_api.hpp).
#include <memory>

#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/module.hpp"
#include "modules/oauth/client_service.hpp"
#include "modules/oauth/flow_service.hpp"
#include "modules/oauth/key_ring.hpp"
#include "modules/oauth/oauth_api.hpp"
#include "modules/oauth/oauth_routes.hpp"

namespace cove::oauth {

class OauthModule final : public modules::Module {
 public:
  OauthModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps,
              const apps::HostAppStatus& hosts);
  ~OauthModule() override;

  static std::vector<core::ConfigKey> config_keys();

  std::string_view name() const override { return "oauth"; }
  void register_routes(http::Router& router) override;
  void start(modules::AppContext& ctx) override;

 private:
  std::unique_ptr<core::SealedBox> key_seal_;
  std::unique_ptr<KeyRing> keys_;
  std::unique_ptr<ClientService> clients_;
  std::unique_ptr<FlowService> flow_;
  std::unique_ptr<OauthServices> services_;
};

}  // namespace cove::oauth
