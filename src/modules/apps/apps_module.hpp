#pragma once
// The apps module (issue 4): mini-programs, versions and code packages, base-library versions,
// host apps and their associations — FinClip's app-manage-svr — and the authentication of signed
// SDK requests. Later modules use it through apps_api.hpp.
#include <memory>

#include "core/sealed_box.hpp"
#include "core/snapshot_store.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/host_app_status.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/nonce_cache.hpp"
#include "modules/apps/package_signer.hpp"
#include "modules/apps/sdk_auth.hpp"
#include "modules/module.hpp"

namespace cove::apps {

class AppsModule final : public modules::Module, public AppsApi, public HostAppStatus {
 public:
  AppsModule(modules::AppContext& app, accounts::AccountsApi& accounts);
  ~AppsModule() override;

  std::string_view name() const override { return "apps"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& app) override;
  void stop() override;
  static std::vector<core::ConfigKey> config_keys();

  // AppsApi
  const SdkAuth& sdk_auth() const override { return *sdk_auth_; }
  const std::string& signing_public_pem() const override { return signer_->public_pem(); }
  std::string sign_package(const std::string& sha256) const override { return signer_->sign(sha256); }
  std::optional<GrayCandidate> gray_candidate(core::Conn& c, const std::string& org_id, const std::string& app_id,
                                              const std::string& version) const override;
  std::optional<std::string> released_version(core::Conn& c, const std::string& org_id,
                                              const std::string& app_id) const override;
  bool app_exists(core::Conn& c, const std::string& org_id, const std::string& app_id) const override;
  void release_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                  const std::string& version) override;
  void add_version_delete_guard(VersionDeleteGuard guard) override;
  void add_release_guard(ReleaseGuard guard) override;
  std::optional<ReviewTarget> review_target(core::Conn& c, const std::string& org_id, const std::string& app_id,
                                            const std::string& version) const override;
  void set_review_status(core::Tx& tx, const std::string& org_id, const std::string& version_id,
                         const std::string& status, std::int64_t now_ms) override;
  nlohmann::json compare(const std::string& org_id, const std::string& app_id, const std::string& from,
                         const std::string& to) const override;
  std::optional<CaseSubject> case_subject(core::Conn& c, const std::string& app_id) const override;
  bool serves(core::Conn& c, const std::string& host_app_id, const std::string& app_id) const override;
  bool host_app_active(const std::string& host_app_id) const override;
  void take_down_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id,
                    const std::string& reason) override;
  void restore_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id) override;
  std::vector<SearchSource> search_sources(core::Conn& c, const std::string& after_app_id, int limit) const override {
    return load_search_sources(c, after_app_id, limit);
  }
  std::optional<SearchSource> search_source(core::Conn& c, const std::string& app_id) const override {
    return load_search_source(c, app_id);
  }

 private:
  void declare(modules::AppContext& app);

  std::unique_ptr<PackageSigner> signer_;
  std::unique_ptr<core::SealedBox> sealed_;  // host-app SDK secrets at rest
  // Built once; every route group and AppsApi call uses these instances.
  std::unique_ptr<AppService> app_service_;
  std::unique_ptr<VersionService> version_service_;
  std::unique_ptr<HostAppService> host_app_service_;
  std::unique_ptr<AssociationService> association_service_;
  std::unique_ptr<BaseLibraryService> base_library_service_;
  std::unique_ptr<NonceCache> nonces_;
  std::unique_ptr<core::SnapshotStore<SdkDirectory>> directory_;
  std::unique_ptr<SdkRequestAuth> sdk_auth_;
  OrgNames org_names_;
};

}  // namespace cove::apps
