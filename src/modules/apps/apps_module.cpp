#include "modules/apps/apps_module.hpp"

#include <tuple>

#include "modules/apps/app_repo.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/version_repo.hpp"
#include "modules/apps/version_service.hpp"

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

std::optional<GrayCandidate> AppsModule::gray_candidate(core::Conn& c, const std::string& org_id,
                                                        const std::string& app_id,
                                                        const std::string& version) const {
  const auto app = app_repo::find(c, org_id, app_id);
  if (!app) return std::nullopt;
  const auto v = version_repo::find(c, org_id, app_id, version);
  if (!v) return std::nullopt;
  GrayCandidate g{.version_id = v->id,
                  .version = v->version,
                  .status = v->status,
                  .releasable = releasable(*v),
                  .newer_than_released = true,
                  .app_status = app->status,
                  .package_sha256 = v->package_sha256,
                  .package_size = v->package_size,
                  .min_base_library = v->min_base_library};
  if (!app->released_version_id.empty()) {
    if (const auto current = version_repo::find_by_id(c, org_id, app->released_version_id)) {
      g.released_version = current->version;
      g.newer_than_released = std::tie(v->major, v->minor, v->patch) >
                              std::tie(current->major, current->minor, current->patch);
    }
  }
  return g;
}

std::optional<std::string> AppsModule::released_version(core::Conn& c, const std::string& org_id,
                                                        const std::string& app_id) const {
  const auto app = app_repo::find(c, org_id, app_id);
  if (!app || app->released_version_id.empty()) return std::nullopt;
  const auto v = version_repo::find_by_id(c, org_id, app->released_version_id);
  if (!v) return std::nullopt;
  return v->version;
}

bool AppsModule::app_exists(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  return app_repo::find(c, org_id, app_id).has_value();
}

void AppsModule::release_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id,
                            const std::string& app_id, const std::string& version) {
  VersionService(*ctx_).release_in(tx, actor, org_id, app_id, version);
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
