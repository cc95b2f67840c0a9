#include "modules/domains/domains_module.hpp"

#include <algorithm>

#include "modules/domains/domain_repo.hpp"
#include "modules/domains/domains_catalog_source.hpp"

namespace cove::domains {

DomainsModule::DomainsModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps) {
  domains_ = std::make_unique<DomainService>(app.db, app.changes, app.clock, apps, accounts.quotas(),
                                             DomainPolicy{.allow_wildcards = app.config.flag("domains.allowWildcards")});
  lists_ = std::make_unique<PlatformListService>(app.db, app.changes, app.clock);
  fetcher_ = http::make_guarded_fetcher();
  VerifyOptions verify;
  verify.fetch.allow_private_addresses = app.config.flag("domains.verify.allowPrivateAddresses");
  verify.fetch.ca_file = app.config.text("domains.verify.caFile");
  verify.fetch.connect_to = app.config.value("domains.verify.connectTo").get<std::vector<std::string>>();
  verify.fetch.total_timeout = std::chrono::seconds(app.config.integer("domains.verify.timeoutSeconds"));
  verify.fetch.connect_timeout = std::min(verify.fetch.total_timeout, std::chrono::milliseconds(5000));
  verify.recheck_ms = app.config.integer("domains.verify.recheckHours") * 3600 * 1000;
  verification_ = std::make_unique<VerificationService>(app.db, app.changes, app.clock, apps, *fetcher_,
                                                        app.secrets.random_key("domain-verification.key"),
                                                        std::move(verify));
  domains_->set_verified_check([this](core::Conn& c, const std::string& org_id, const std::string& host) {
    return verification_->verified(c, org_id, host);
  });
  // Private keys of the platform's certificates are sealed at rest with their own key.
  key_seal_ = std::make_unique<core::SealedBox>(app.secrets.random_key("certificate-key-seal.key"));
  certificates_ = std::make_unique<CertificateService>(app.db, app.changes, app.clock, *key_seal_);
  // Served by SNI from the next handshake on: the change is committed when this runs.
  serving_ = std::make_unique<CertificateServing>(*certificates_, app.tls_certificates);
  certificates_->on_platform_change([this] { serving_->refresh(); });
  services_ =
      std::make_unique<DomainsServices>(DomainsServices{*domains_, *lists_, *verification_, *certificates_});

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
  // A few hosts a minute, each a bounded fetch: verified business domains are re-checked about
  // once per domains.verify.recheckHours; a failure takes the host out of the runtime at once.
  // Hourly, so a threshold is announced within the hour it is reached (each once).
  app.jobs.schedule("domains.certificate_expiry", std::chrono::hours(1), [this] {
    certificates_->announce_expiry();
    serving_->refresh();
  }, std::chrono::seconds(5));
  app.jobs.schedule("domains.verify_recheck", std::chrono::minutes(1), [this] { verification_->recheck_due(20); });
}

DomainsModule::~DomainsModule() = default;

std::vector<core::ConfigKey> DomainsModule::config_keys() {
  return {
      {"domains.allowWildcards", false,
       "Whether mini-programs may declare wildcard domains (a leading *., as https://*.cdn.example.com)."},
      {"domains.verify.allowPrivateAddresses", false,
       "Whether business-domain verification may connect to loopback, private and link-local addresses (tests, "
       "closed networks); otherwise such addresses are refused after DNS and on every redirect."},
      {"domains.verify.caFile", "",
       "A PEM CA bundle business-domain verification trusts instead of the system store (a private CA)."},
      {"domains.verify.connectTo", nlohmann::json::array(),
       "curl --connect-to pairs HOST:PORT:CONNECT-HOST:CONNECT-PORT for verification fetches (split-horizon DNS, "
       "tests); the address checks apply to where it connects."},
      {"domains.verify.timeoutSeconds", 10, "Total time one verification fetch may take.", 1, 60},
      {"domains.verify.recheckHours", 24, "How often a verified business domain is checked again.", 1, 720},
  };
}

void DomainsModule::register_routes(http::Router& router) {
  mount_domain_routes(router, *services_);
  mount_platform_list_routes(router, *services_);
  mount_verification_routes(router, *services_);
  mount_certificate_routes(router, *services_);
  mount_certificate_request_routes(router, *services_);
}

void DomainsModule::start(modules::AppContext& /*ctx*/) { serving_->refresh(); }

void DomainsModule::subscribe(core::EventBus& events) {
  // A certificate stored already within an alert threshold is announced at once, not at the
  // job's next hourly run.
  events.subscribe("domains.certificate_expiry", {"certificate.created"},
                   [this](const core::Event&) { certificates_->announce_expiry(); });
}

DomainLists DomainsModule::declared(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  return domain_repo::find(c, org_id, app_id).lists;
}

DomainLists DomainsModule::effective(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  return domains_->effective(c, org_id, app_id);
}

}  // namespace cove::domains
