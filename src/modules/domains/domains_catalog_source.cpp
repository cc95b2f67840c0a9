#include "modules/domains/domains_catalog_source.hpp"

#include "modules/domains/domain_repo.hpp"

namespace cove::domains {

std::shared_ptr<const DomainsRuntimeData> DomainsCatalogSource::load_part(core::Conn& c, std::int64_t /*now_ms*/) const {
  auto out = std::make_shared<DomainsRuntimeData>();
  const auto platform = load_platform_lists(c);
  const auto none = [](const std::string&) { return false; };
  out->whitelist_only = lists_json(effective_lists({}, platform, none));
  // Entries arrive in app order: one mini-program's lists are complete when the next one starts.
  std::string app_id, org_id;
  DomainLists declared;
  const auto flush = [&] {
    if (app_id.empty()) return;
    const auto verified = [&](const std::string& host) { return service_.verified(c, org_id, host); };
    out->by_app[app_id] = lists_json(effective_lists(declared, platform, verified));
    declared = {};
  };
  domain_repo::for_each_entry(c, [&](const DeclaredEntry& e) {
    if (e.app_id != app_id) {
      flush();
      app_id = e.app_id;
      org_id = e.org_id;
    }
    if (const auto k = kind_from(e.kind)) declared[kind_index(*k)].push_back(e.value);
  });
  flush();
  return out;
}

void DomainsCatalogSource::add_app_fields(const void* part, std::string_view /*host_app_id*/, std::string_view app_id,
                                          nlohmann::json& body) const {
  const auto& data = *static_cast<const DomainsRuntimeData*>(part);
  const auto it = data.by_app.find(std::string(app_id));
  body["domains"] = it == data.by_app.end() ? data.whitelist_only : it->second;
}

}  // namespace cove::domains
