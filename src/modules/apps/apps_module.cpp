#include "modules/apps/apps_module.hpp"

#include "modules/apps/app_repo.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/version_repo.hpp"

namespace cove::apps {

AppsModule::AppsModule(modules::AppContext& app, accounts::AccountsApi& accounts) {
  signer_ = std::make_unique<PackageSigner>(app.secrets);
  sealed_ = std::make_unique<core::SealedBox>(app.secrets.random_key("sdk-secret-seal.key"));
  ctx_ = std::make_unique<AppsContext>(AppsContext{app, accounts, *signer_, *sealed_});

  // Routes naming {appId} or {hostAppId} declare org permissions; these find the owning org.
  accounts.register_org_resolver(
      "appId", [](core::Conn& c, const std::string& id) { return app_repo::org_of(c, id); });
  accounts.register_org_resolver("hostAppId",
                                 [](core::Conn& c, const std::string& id) -> std::optional<std::string> {
                                   auto& st = c.prepare("SELECT org_id FROM host_apps WHERE id = ?");
                                   st.bind(1, id);
                                   if (!st.executeStep()) return std::nullopt;
                                   return st.getColumn(0).getString();
                                 });
}

AppsModule::~AppsModule() = default;

bool AppsModule::references_blob(core::Conn& c, const std::string& sha256) const {
  return app_repo::references_blob(c, sha256) || version_repo::references_package(c, sha256);
}

void AppsModule::register_routes(http::Router& router) {
  // apps-routes: each feature's mount function.
  mount_app_routes(router, *ctx_);
  mount_version_routes(router, *ctx_);
  mount_platform_app_routes(router, *ctx_);
  mount_base_library_routes(router, *ctx_);
  mount_host_app_routes(router, *ctx_);
}

}  // namespace cove::apps
