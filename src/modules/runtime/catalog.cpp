#include "modules/runtime/catalog.hpp"

#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace cove::runtime {

namespace {

nlohmann::json strings(const std::vector<std::string>& v) {
  auto out = nlohmann::json::array();
  for (const auto& s : v) out.push_back(s);
  return out;
}

// Fields other modules add to every answer for (host app, mini-program).
using Extras = std::function<void(nlohmann::json&)>;

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

// What users are shown about a mini-program before they open it (Chainless §2.1, §2.4.3). Other
// modules add theirs through their catalog sources (review: developer, review state, open
// violation case, the platform's first-use safety notice).
nlohmann::json profile_of(const apps::RuntimeApp& app, const apps::RuntimeVersion& r, std::string_view developer) {
  const auto file_url = [&](const char* kind) { return fmt::format("/runtime/v1/apps/{}/{}", app.app_id, kind); };
  return {{"appId", app.app_id},
          {"name", app.name},
          {"developer", developer},
          {"iconUrl", app.icon ? nlohmann::json(file_url("icon")) : nlohmann::json(nullptr)},
          {"summary", app.summary},
          {"description", app.description},
          {"category", text_or_null(app.category)},
          {"repositoryUrl", text_or_null(app.repository_url)},
          {"auditCertificate", app.certificate ? nlohmann::json{{"name", app.certificate->name},
                                                                {"contentType", app.certificate->content_type},
                                                                {"url", file_url("certificate")}}
                                               : nlohmann::json(nullptr)},
          {"contracts", app.contracts},
          {"securityRating", text_or_null(app.security_rating)},
          {"version", r.version},
          {"updatedAt", core::format_rfc3339_millis(app.updated_ms)}};
}

nlohmann::json body_of(const apps::RuntimeApp& app, const apps::RuntimeVersion& r,
                       const apps::RuntimeAssociation& link, const nlohmann::json& gray, const Extras& extras,
                       std::string_view developer) {
  nlohmann::json body = {
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
      {"gray", gray},
      {"profile", profile_of(app, r, developer)}};
  extras(body);
  return body;
}

std::string etag_of(const std::string& body) {
  return fmt::format("\"{}\"", core::crypto::sha256_hex(body).substr(0, 32));
}

AppView view_of(const apps::RuntimeApp& app, const apps::RuntimeAssociation& link, bool org_active,
                const std::vector<const gray::RuntimePlan*>& plans, const Extras& extras, std::string_view developer) {
  AppView v;
  v.icon = app.icon ? &*app.icon : nullptr;
  v.certificate = app.certificate ? &*app.certificate : nullptr;
  if (!org_active || app.status == "offline") {
    v.reason = Unservable::kOffline;  // taken offline, or its organisation is not active
    return v;
  }
  if (app.status != "online" || !app.released) {
    v.reason = Unservable::kNotReleased;
    return v;
  }
  const auto body = body_of(app, *app.released, link, nullptr, extras, developer);
  v.body = body.dump();
  v.etag = etag_of(v.body);
  v.profile = body.at("profile").dump();
  v.profile_etag = etag_of(v.profile);
  for (const auto* p : plans) {
    const auto& pct = p->plan.percentage;
    GrayView g{p,
               body_of(app, p->version, link,
                       {{"planId", p->plan.id},
                        {"percentage", pct ? nlohmann::json(*pct) : nlohmann::json(nullptr)}},
                       extras, developer)
                   .dump(),
               {}};
    g.etag = etag_of(g.body);
    v.gray.push_back(std::move(g));
  }
  return v;
}

}  // namespace

std::shared_ptr<const Catalog> build_catalog(modules::CatalogParts parts, const modules::CatalogSourceRegistry& sources,
                                             const std::unordered_set<std::string>& active_orgs, std::int64_t now_ms,
                                             const std::unordered_map<std::string, std::string>& org_names) {
  auto catalog = std::make_shared<Catalog>();
  catalog->parts = std::move(parts);
  const auto& data = catalog->parts.get<apps::RuntimeData>(apps::kCatalogPart);
  catalog->gray = &catalog->parts.get<gray::GrayRuntimeData>(gray::kCatalogPart);
  // Running plans by mini-program, in evaluation order; a plan whose version is no longer newer
  // than the released one has nothing left to serve.
  std::unordered_map<std::string, std::vector<const gray::RuntimePlan*>> plans;
  for (const auto& p : catalog->gray->plans) {
    if (p.newer_than_released) plans[p.app_id].push_back(&p);
  }
  static const std::vector<const gray::RuntimePlan*> kNoPlans;
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
    for (const auto& link : h.associations) {
      auto it = apps.find(link.app_id);
      if (it == apps.end()) continue;
      const auto found = plans.find(link.app_id);
      const Extras extras = [&](nlohmann::json& body) {
        for (const auto& source : sources.sources()) {
          const auto name = source->name();
          if (name == apps::kCatalogPart || name == gray::kCatalogPart) continue;
          source->add_app_fields(catalog->parts.raw(name), h.id, link.app_id, body);
        }
      };
      const auto name = org_names.find(it->second->org_id);
      auto view = view_of(*it->second, link, active_orgs.contains(it->second->org_id),
                          found == plans.end() ? kNoPlans : found->second, extras,
                          name == org_names.end() ? std::string_view() : std::string_view(name->second));
      if (view.reason == Unservable::kNone) e.packages.insert(it->second->released->sha256);
      for (const auto& g : view.gray) e.packages.insert(g.plan->version.sha256);
      e.apps.emplace(link.app_id, std::move(view));
    }
    for (const auto& [id, view] : e.apps) {
      if (view.reason == Unservable::kNone) e.servable.emplace(id, &view);
    }
    // Moving the host keeps the nodes of e.apps, so the `servable` pointers stay valid.
    catalog->hosts.emplace(h.id, std::move(e));
  }
  return catalog;
}

}  // namespace cove::runtime
