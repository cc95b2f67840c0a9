#include "modules/domains/domains_module.hpp"

#include "modules/domains/domain_repo.hpp"
#include "modules/domains/domains_catalog_source.hpp"

namespace cove::domains {

DomainsModule::DomainsModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps) {
  domains_ = std::make_unique<DomainService>(app.db, app.changes, app.clock, apps, accounts.quotas(),
                                             DomainPolicy{.allow_wildcards = app.config.flag("domains.allowWildcards")});
  lists_ = std::make_unique<PlatformListService>(app.db, app.changes, app.clock);
  services_ = std::make_unique<DomainsServices>(DomainsServices{*domains_, *lists_});

  app.permissions.declare({"domains:write", "declare a mini-program's domains", {"owner", "admin", "developer"}});
  app.permissions.declare(
      {"platform:domains", "platform domain whitelist and blocklist, TLS certificates", {"platform_admin"}});
  app.quotas.declare({.key = std::string(kMaxDomainsPerKind),
                      .description = "domains in one list of a mini-program",
                      .default_limit = 20,
                      .min = 1,
                      .max = 1000,
                      .usage = [](core::Conn& c, const std::string& org) {
                        return domain_repo::longest_list_in_org(c, org);
                      }});
  app.catalog_sources.add(std::make_shared<DomainsCatalogSource>(*domains_));
}

DomainsModule::~DomainsModule() = default;

std::vector<core::ConfigKey> DomainsModule::config_keys() {
  return {
      {"domains.allowWildcards", false,
       "Whether mini-programs may declare wildcard domains (a leading *., as https://*.cdn.example.com)."},
  };
}

void DomainsModule::register_routes(http::Router& router) {
  mount_domain_routes(router, *services_);
  mount_platform_list_routes(router, *services_);
}

DomainLists DomainsModule::declared(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  return domain_repo::find(c, org_id, app_id).lists;
}

DomainLists DomainsModule::effective(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  return domains_->effective(c, org_id, app_id);
}

}  // namespace cove::domains
