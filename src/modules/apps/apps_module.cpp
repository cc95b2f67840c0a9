#include "modules/apps/apps_module.hpp"

#include <stdexcept>

#include "modules/apps/app_repo.hpp"
#include "modules/apps/app_service.hpp"
#include "modules/apps/association_repo.hpp"
#include "modules/apps/association_service.hpp"
#include "modules/apps/base_library_service.hpp"
#include "modules/apps/host_app_repo.hpp"
#include "modules/apps/host_app_service.hpp"
#include "modules/apps/runtime_view.hpp"
#include "modules/apps/version_repo.hpp"
#include "modules/apps/version_service.hpp"

namespace cove::apps {

namespace {

// The apps part of the runtime catalog: mini-programs with their released versions, host apps
// with their bundle ids and grants.
class AppsCatalogSource final : public modules::TypedCatalogSource<RuntimeData> {
 public:
  std::string_view name() const override { return kCatalogPart; }
  std::vector<std::string> topics() const override {
    return {"app.", "version.", "host_app.", "association.", "org."};
  }
  std::shared_ptr<const RuntimeData> load_part(core::Conn& c, std::int64_t /*now_ms*/) const override {
    return std::make_shared<const RuntimeData>(load_runtime_data(c));
  }
};

}  // namespace

AppsModule::AppsModule(modules::AppContext& app, accounts::AccountsApi& accounts) {
  signer_ = std::make_unique<PackageSigner>(app.secrets);
  sealed_ = std::make_unique<core::SealedBox>(app.secrets.random_key("sdk-secret-seal.key"));
  const auto& quotas = accounts.quotas();
  app_service_ = std::make_unique<AppService>(app.db, app.changes, app.clock, app.blobs, quotas);
  version_service_ =
      std::make_unique<VersionService>(app.db, app.changes, app.clock, app.blobs, quotas, *signer_);
  host_app_service_ = std::make_unique<HostAppService>(app.db, app.changes, app.clock, quotas, *sealed_);
  association_service_ = std::make_unique<AssociationService>(app.db, app.changes, app.clock);
  base_library_service_ = std::make_unique<BaseLibraryService>(app.db, app.changes, app.clock);
  nonces_ = std::make_unique<NonceCache>();
  directory_ = std::make_unique<core::SnapshotStore<SdkDirectory>>("SDK host apps", [&app, &accounts, this] {
    return app.db.read([&](core::Conn& c) { return load_sdk_directory(c, *sealed_, accounts.active_org_ids(c)); });
  });
  sdk_auth_ = std::make_unique<SdkRequestAuth>(
      app.clock, *directory_, *nonces_,
      SdkAuthOptions{.clock_skew_seconds = app.config.integer("runtime.clockSkewSeconds"),
                     .nonce_window_seconds = app.config.integer("runtime.nonceWindowSeconds")});
  org_names_ = [&app, &accounts](const std::vector<std::string>& ids) {
    return app.db.read([&](core::Conn& c) { return accounts.org_names(c, ids); });
  };
  declare(app);
}

void AppsModule::declare(modules::AppContext& app) {
  const std::vector<std::string> writers = {"owner", "admin", "developer"};
  app.permissions.declare({"apps:read", "mini-programs, versions, host apps", {"owner", "admin", "developer", "viewer"}});
  app.permissions.declare({"apps:write", "create and edit them, upload packages", writers});
  app.permissions.declare({"apps:release", "release, roll back, gray releases", writers});

  app.quotas.declare({.key = std::string(quotas::kMaxApps),
                      .description = "mini-programs",
                      .default_limit = 100,
                      .min = 0,
                      .max = 100000,
                      .usage = [](core::Conn& c, const std::string& org) { return app_repo::count_in_org(c, org); }});
  app.quotas.declare({.key = std::string(quotas::kMaxHostApps),
                      .description = "host apps",
                      .default_limit = 20,
                      .min = 0,
                      .max = 10000,
                      .usage = [](core::Conn& c, const std::string& org) { return host_app_repo::count_in_org(c, org); }});
  app.quotas.declare({.key = std::string(quotas::kMaxPackageBytes),
                      .description = "bytes of one code package",
                      .default_limit = 100LL * 1024 * 1024,
                      .min = 1024 * 1024,
                      .max = 2LL * 1024 * 1024 * 1024});

  // Routes naming {appId} or {hostAppId} declare org permissions; these find the owning org.
  app.org_resolvers.add("appId", [](core::Conn& c, const std::string& id) { return app_repo::org_of(c, id); });
  app.org_resolvers.add("hostAppId",
                        [](core::Conn& c, const std::string& id) { return host_app_repo::org_of(c, id); });
  app.blob_references.add("mini-program icons, certificates and packages", [](core::Conn& c, const std::string& sha) {
    return app_repo::references_blob(c, sha) || version_repo::references_package(c, sha);
  });
  app.catalog_sources.add(std::make_shared<AppsCatalogSource>());
  app.metrics.gauge_callback("cove_runtime_nonces", "Nonces remembered for replay protection",
                             [this] { return static_cast<double>(nonces_->size()); });
}

AppsModule::~AppsModule() = default;

std::vector<core::ConfigKey> AppsModule::config_keys() {
  return {
      {"runtime.clockSkewSeconds", 300,
       "How far (seconds) a signed SDK request's X-Cove-Timestamp may be from the server clock.", 10, 3600},
      {"runtime.nonceWindowSeconds", 600,
       "How long (seconds) a signed SDK request's nonce is remembered to refuse replays; at least twice "
       "runtime.clockSkewSeconds leaves no window for a replay.",
       60, 86400},
  };
}

void AppsModule::subscribe(core::EventBus& events) {
  // Who may sign SDK requests changes with host apps and with organisations' status.
  events.subscribe("apps.sdk_directory", {"host_app.", "org."}, [this](const core::Event&) { directory_->mark_stale(); });
}

void AppsModule::start(modules::AppContext& /*app*/) { directory_->start(); }

void AppsModule::stop() { directory_->stop(); }

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
      g.newer_than_released = compare_versions(*v, *current) > 0;
    }
  }
  // A version the release route would refuse (review required, not approved) is not served to
  // some users either.
  if (g.releasable) {
    try {
      version_service_->check_release_guards(c, *v);
    } catch (const core::Error&) {
      g.releasable = false;
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
  version_service_->release_in(tx, actor, org_id, app_id, version);
}

void AppsModule::add_version_delete_guard(VersionDeleteGuard guard) {
  version_service_->add_delete_guard(std::move(guard));
}

void AppsModule::add_release_guard(ReleaseGuard guard) { version_service_->add_release_guard(std::move(guard)); }

std::optional<ReviewTarget> AppsModule::review_target(core::Conn& c, const std::string& org_id,
                                                      const std::string& app_id, const std::string& version) const {
  const auto app = app_repo::find(c, org_id, app_id);
  if (!app) return std::nullopt;
  const auto v = version_repo::find(c, org_id, app_id, version);
  if (!v) return std::nullopt;
  ReviewTarget t{.app_name = app->name,
                 .version_id = v->id,
                 .version = v->version,
                 .status = v->status,
                 .package_sha256 = v->package_sha256,
                 .package_size = v->package_size,
                 .file_count = v->file_count,
                 .unpacked_size = v->unpacked_size};
  if (!app->released_version_id.empty()) {
    if (const auto current = version_repo::find_by_id(c, org_id, app->released_version_id))
      t.released_version = current->version;
  }
  return t;
}

void AppsModule::set_review_status(core::Tx& tx, const std::string& org_id, const std::string& version_id,
                                   const std::string& status, std::int64_t now_ms) {
  auto v = version_repo::find_by_id(tx, org_id, version_id);
  if (!v) throw errors::version_not_found();
  if (status != "uploaded" && status != "in_review" && status != "approved" && status != "rejected")
    throw std::logic_error("set_review_status: not a review state: " + status);
  if (v->status == "released" || v->status == "superseded") {
    throw core::Error(409, "apps.not_reviewable", "A version that has been released is not reviewed again",
                      {{"status", v->status}});
  }
  v->status = status;
  v->updated_ms = now_ms;
  version_repo::update(tx, *v);
}

nlohmann::json AppsModule::compare(const std::string& org_id, const std::string& app_id, const std::string& from,
                                   const std::string& to) const {
  return to_json(version_service_->compare(org_id, app_id, from, to));
}

std::optional<CaseSubject> AppsModule::case_subject(core::Conn& c, const std::string& app_id) const {
  const auto org = app_repo::org_of(c, app_id);
  if (!org) return std::nullopt;
  const auto app = app_repo::find(c, *org, app_id);
  if (!app) return std::nullopt;
  return CaseSubject{.org_id = app->org_id, .name = app->name, .status = app->status, .offline_by = app->offline_by};
}

bool AppsModule::serves(core::Conn& c, const std::string& host_app_id, const std::string& app_id) const {
  return association_repo::find(c, host_app_id, app_id).has_value();
}

bool AppsModule::host_app_active(const std::string& host_app_id) const {
  const auto directory = directory_->current();
  if (!directory) return false;
  for (const auto& [key, host] : directory->by_sdk_key) {
    if (host->id == host_app_id) return host->active;
  }
  return false;
}

void AppsModule::take_down_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id,
                              const std::string& reason) {
  app_service_->take_down_in(tx, actor, app_id, reason);
}

void AppsModule::restore_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id) {
  app_service_->restore_in(tx, actor, app_id);
}

void AppsModule::register_routes(http::Router& router) {
  const AppsServices services{*app_service_, *version_service_, *host_app_service_, *association_service_,
                              *base_library_service_, org_names_};
  // apps-routes: each feature's mount function.
  mount_app_routes(router, services);
  mount_version_routes(router, services);
  mount_platform_app_routes(router, services);
  mount_base_library_routes(router, services);
  mount_host_app_routes(router, services);
  mount_association_routes(router, services);
}

}  // namespace cove::apps
