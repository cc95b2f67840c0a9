#pragma once
// The apps module (issue 4): mini-programs, versions and code packages, base-library versions,
// host apps and their associations — FinClip's app-manage-svr. Later modules use it through
// apps_api.hpp.
#include <memory>

#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/apps_context.hpp"
#include "modules/apps/package_signer.hpp"
#include "modules/module.hpp"

namespace cove::apps {

class AppsModule final : public modules::Module, public AppsApi {
 public:
  AppsModule(modules::AppContext& app, accounts::AccountsApi& accounts);
  ~AppsModule() override;

  std::string_view name() const override { return "apps"; }
  void register_routes(http::Router& router) override;
  bool references_blob(core::Conn& c, const std::string& sha256) const override;

  // AppsApi
  RuntimeData runtime_data(core::Conn& c) const override { return load_runtime_data(c, *sealed_); }
  const std::string& signing_public_pem() const override { return signer_->public_pem(); }

 private:
  std::unique_ptr<PackageSigner> signer_;
  std::unique_ptr<core::SealedBox> sealed_;
  std::unique_ptr<AppsContext> ctx_;
};

}  // namespace cove::apps
