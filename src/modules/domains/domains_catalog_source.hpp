#pragma once
// The domains part of the runtime catalog (domains_api.hpp): each mini-program's effective lists,
// precomputed as the `domains` object of its answer, so a request adds no work and no SQL. The
// answer's ETag is computed over the body, so it changes with the lists.
#include "modules/domains/domain_service.hpp"
#include "modules/domains/domains_api.hpp"
#include "modules/platform/catalog_sources.hpp"

namespace cove::domains {

class DomainsCatalogSource final : public modules::TypedCatalogSource<DomainsRuntimeData> {
 public:
  explicit DomainsCatalogSource(const DomainService& service) : service_(service) {}

  std::string_view name() const override { return kCatalogPart; }
  // Declarations, the platform lists and business-domain verification change what is handed out.
  std::vector<std::string> topics() const override { return {"app_domains.", "platform_domains.", "webview_domain."}; }
  std::shared_ptr<const DomainsRuntimeData> load_part(core::Conn& c, std::int64_t now_ms) const override;
  void add_app_fields(const void* part, std::string_view host_app_id, std::string_view app_id,
                      nlohmann::json& body) const override;

 private:
  const DomainService& service_;
};

}  // namespace cove::domains
