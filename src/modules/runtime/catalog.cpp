#include "modules/runtime/catalog.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"

namespace cove::runtime {

namespace {

nlohmann::json strings(const std::vector<std::string>& v) {
  auto out = nlohmann::json::array();
  for (const auto& s : v) out.push_back(s);
  return out;
}

AppView view_of(const apps::RuntimeApp& app, const apps::RuntimeAssociation& link, bool org_active) {
  AppView v;
  if (!org_active || app.status == "offline") {
    v.reason = Unservable::kOffline;  // taken offline, or its organisation is not active
    return v;
  }
  if (app.status != "online" || !app.released) {
    v.reason = Unservable::kNotReleased;
    return v;
  }
  const auto& r = *app.released;
  const nlohmann::json body = {
      {"appId", app.app_id},
      {"name", app.name},
      {"version", r.version},
      {"versionId", r.id},
      {"package",
       {{"url", fmt::format("/runtime/v1/packages/{}", r.sha256)},
        {"sha256", r.sha256},
        {"size", r.size},
        {"signature", r.signature}}},
      {"minBaseLibrary",
       r.min_base_library.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.min_base_library)},
      {"privacy", app.privacy},
      {"allowedApis", strings(link.allowed_apis)},
      {"allowedMenus", strings(link.allowed_menus)},
      {"gray", nullptr}};
  v.body = body.dump();
  v.etag = fmt::format("\"{}\"", core::crypto::sha256_hex(v.body).substr(0, 32));
  return v;
}

}  // namespace

std::shared_ptr<const Catalog> build_catalog(const apps::RuntimeData& data,
                                             const std::unordered_set<std::string>& active_orgs,
                                             std::int64_t now_ms) {
  auto catalog = std::make_shared<Catalog>();
  catalog->built_ms = now_ms;
  catalog->app_count = data.apps.size();
  std::unordered_map<std::string, const apps::RuntimeApp*> apps;
  for (const auto& a : data.apps) {
    apps.emplace(a.app_id, &a);
    catalog->known_apps.insert(a.app_id);
  }
  for (const auto& h : data.host_apps) {
    HostEntry e;
    e.id = h.id;
    e.org_id = h.org_id;
    e.secret = h.sdk_secret;
    e.active = h.status == "active" && active_orgs.contains(h.org_id);
    e.bundle_ids.insert(h.bundle_ids.begin(), h.bundle_ids.end());
    for (const auto& link : h.associations) {
      auto it = apps.find(link.app_id);
      if (it == apps.end()) continue;
      auto view = view_of(*it->second, link, active_orgs.contains(it->second->org_id));
      if (view.reason == Unservable::kNone) e.packages.insert(it->second->released->sha256);
      e.apps.emplace(link.app_id, std::move(view));
    }
    for (const auto& [id, view] : e.apps) {
      if (view.reason == Unservable::kNone) e.servable.emplace(id, &view);
    }
    // Moving the host keeps the nodes of e.apps, so the `servable` pointers stay valid.
    catalog->hosts.emplace(h.sdk_key, std::move(e));
  }
  return catalog;
}

}  // namespace cove::runtime
