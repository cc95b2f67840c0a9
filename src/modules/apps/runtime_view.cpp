#include "modules/apps/runtime_view.hpp"

#include <unordered_map>

namespace cove::apps {

void read_row(core::Row& r, RuntimeApp& a) {
  std::optional<std::string> version_id;
  RuntimeVersion v;
  std::string privacy, contracts;
  std::optional<std::string> icon_sha, icon_type, cert_sha, cert_name, cert_type;
  r.read(a.app_id, a.org_id, a.name, a.status, privacy, version_id, v.version, v.sha256, v.size, v.signature,
         v.min_base_library, a.summary, a.description, a.category, a.repository_url, a.security_rating, contracts,
         icon_sha, icon_type, cert_sha, cert_name, cert_type, a.updated_ms);
  a.privacy = nlohmann::json::parse(privacy, nullptr, false);
  a.contracts = nlohmann::json::parse(contracts, nullptr, false);
  if (!a.contracts.is_array()) a.contracts = nlohmann::json::array();
  if (icon_sha) a.icon = RuntimeFile{*icon_sha, "icon", icon_type.value_or("image/png")};
  if (cert_sha) a.certificate = RuntimeFile{*cert_sha, cert_name.value_or("audit-certificate"), cert_type.value_or("application/pdf")};
  if (version_id) {
    v.id = *version_id;
    a.released = std::move(v);
  }
}

RuntimeData load_runtime_data(core::Conn& c) {
  RuntimeData data;
  data.apps = c.query_all<RuntimeApp>(
      "SELECT a.id, a.org_id, a.name, a.status, a.privacy, v.id, v.version, v.package_sha256, v.package_size, "
      "v.signature, v.min_base_library, a.summary, a.description, a.category, a.repository_url, a.security_rating, "
      "a.contracts, a.icon_sha256, a.icon_type, a.certificate_sha256, a.certificate_name, a.certificate_type, "
      "a.updated_ms FROM apps a "
      "LEFT JOIN app_versions v ON v.id = a.released_version_id");
  std::unordered_map<std::string, std::size_t> index;
  c.for_each("SELECT id, org_id FROM host_apps", [&](core::Row& r) {
    RuntimeHostApp h;
    r.read(h.id, h.org_id);
    index.emplace(h.id, data.host_apps.size());
    data.host_apps.push_back(std::move(h));
  });
  c.for_each("SELECT host_app_id, app_id, allowed_apis, allowed_menus FROM host_app_apps", [&](core::Row& r) {
    const auto host_app_id = r.get<std::string>();
    RuntimeAssociation a;
    r.read(a.app_id, a.allowed_apis, a.allowed_menus);
    if (auto it = index.find(host_app_id); it != index.end()) data.host_apps[it->second].associations.push_back(std::move(a));
  });
  return data;
}

}  // namespace cove::apps
