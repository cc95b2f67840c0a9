#include "modules/apps/runtime_view.hpp"

#include <unordered_map>

#include "core/log.hpp"

namespace cove::apps {

namespace {

std::vector<std::string> string_list(const std::string& json_text) {
  std::vector<std::string> out;
  const auto doc = nlohmann::json::parse(json_text, nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& v : doc) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<RuntimeApp> load_apps(core::Conn& c) {
  auto& st = c.prepare(
      "SELECT a.id, a.org_id, a.name, a.status, a.icon_sha256 IS NOT NULL, a.privacy, v.id, v.version, "
      "v.package_sha256, v.package_size, v.signature, v.min_base_library FROM apps a "
      "LEFT JOIN app_versions v ON v.id = a.released_version_id");
  std::vector<RuntimeApp> out;
  while (st.executeStep()) {
    RuntimeApp a;
    a.app_id = st.getColumn(0).getString();
    a.org_id = st.getColumn(1).getString();
    a.name = st.getColumn(2).getString();
    a.status = st.getColumn(3).getString();
    a.has_icon = st.getColumn(4).getInt() != 0;
    a.privacy = nlohmann::json::parse(st.getColumn(5).getString(), nullptr, false);
    if (!st.getColumn(6).isNull()) {
      a.released = RuntimeVersion{st.getColumn(6).getString(),
                                  st.getColumn(7).getString(),
                                  st.getColumn(8).getString(),
                                  st.getColumn(9).getInt64(),
                                  st.getColumn(10).isNull() ? std::string() : st.getColumn(10).getString(),
                                  st.getColumn(11).getString()};
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

RuntimeData load_runtime_data(core::Conn& c, const core::SealedBox& sealed) {
  RuntimeData data;
  data.apps = load_apps(c);

  std::unordered_map<std::string, std::size_t> index;
  auto& hosts = c.prepare("SELECT id, org_id, sdk_key, sdk_secret, status FROM host_apps");
  while (hosts.executeStep()) {
    RuntimeHostApp h;
    h.id = hosts.getColumn(0).getString();
    h.org_id = hosts.getColumn(1).getString();
    h.sdk_key = hosts.getColumn(2).getString();
    auto secret = sealed.open(hosts.getColumn(3).getString());
    if (!secret) {
      core::log::error("host app secret cannot be unsealed; its SDK requests will fail",
                       {{"hostAppId", h.id}});
      continue;
    }
    h.sdk_secret = std::move(*secret);
    h.status = hosts.getColumn(4).getString();
    index.emplace(h.id, data.host_apps.size());
    data.host_apps.push_back(std::move(h));
  }

  auto& bundles = c.prepare("SELECT host_app_id, bundle_id FROM host_app_bundles");
  while (bundles.executeStep()) {
    if (auto it = index.find(bundles.getColumn(0).getString()); it != index.end()) {
      data.host_apps[it->second].bundle_ids.push_back(bundles.getColumn(1).getString());
    }
  }
  auto& links = c.prepare("SELECT host_app_id, app_id, allowed_apis, allowed_menus FROM host_app_apps");
  while (links.executeStep()) {
    if (auto it = index.find(links.getColumn(0).getString()); it != index.end()) {
      data.host_apps[it->second].associations.push_back({links.getColumn(1).getString(),
                                                         string_list(links.getColumn(2).getString()),
                                                         string_list(links.getColumn(3).getString())});
    }
  }
  return data;
}

}  // namespace cove::apps
