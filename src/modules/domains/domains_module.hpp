#pragma once
// The domains module (issue 15): the hosts each mini-program may talk to (服务域名 per channel,
// 业务域名 for web-view pages), the platform's whitelist and blocklist, and the effective lists the
// runtime hands the SDK through the catalog part this module registers (domains_api.hpp).
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/domains/certificate_serving.hpp"
#include "modules/domains/domain_service.hpp"
#include "modules/domains/domains_api.hpp"
#include "modules/domains/domains_routes.hpp"
#include "modules/domains/platform_list_service.hpp"
#include "modules/domains/verification_service.hpp"
#include "modules/module.hpp"

namespace cove::domains {

class DomainsModule final : public modules::Module, public DomainsApi {
 public:
  DomainsModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~DomainsModule() override;

  static std::vector<core::ConfigKey> config_keys();

  std::string_view name() const override { return "domains"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& ctx) override;

  DomainLists declared(core::Conn& c, const std::string& org_id, const std::string& app_id) const override;
  DomainLists effective(core::Conn& c, const std::string& org_id, const std::string& app_id) const override;

 private:
  std::unique_ptr<DomainService> domains_;
  std::unique_ptr<PlatformListService> lists_;
  std::unique_ptr<http::GuardedFetcher> fetcher_;
  std::unique_ptr<VerificationService> verification_;
  std::unique_ptr<core::SealedBox> key_seal_;
  std::unique_ptr<CertificateService> certificates_;
  std::unique_ptr<CertificateServing> serving_;
  std::unique_ptr<DomainsServices> services_;
};

}  // namespace cove::domains
