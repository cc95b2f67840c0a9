#include "modules/apps/search_source.hpp"

#include <nlohmann/json.hpp>

namespace cove::apps {

namespace {

const std::string kSelect =
    "SELECT a.id, a.org_id, a.name, a.summary, a.description, a.category, a.tags, a.status, a.offline_by, "
    "a.icon_sha256 IS NOT NULL, a.security_rating, a.contracts, v.manifest, COALESCE(v.version, ''), "
    "COALESCE(v.released_ms, 0), a.updated_ms FROM apps a LEFT JOIN app_versions v ON v.id = a.released_version_id ";

std::vector<std::string> strings_of(const std::string& raw) {
  std::vector<std::string> out;
  const auto doc = nlohmann::json::parse(raw, nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& s : doc) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

SearchSource read_source(core::Row& r) {
  SearchSource s;
  std::string tags, contracts;
  std::optional<std::string> manifest;
  r.read(s.app_id, s.org_id, s.name, s.summary, s.description, s.category, tags, s.status, s.offline_by, s.has_icon,
         s.security_rating, contracts, manifest, s.released_version, s.released_ms, s.updated_ms);
  s.tags = strings_of(tags);
  const auto c = nlohmann::json::parse(contracts, nullptr, false);
  if (c.is_array()) {
    for (const auto& k : c) {
      if (k.is_object() && k.contains("name") && k["name"].is_string()) s.contract_names.push_back(k["name"].get<std::string>());
    }
  }
  if (manifest) {
    const auto m = nlohmann::json::parse(*manifest, nullptr, false);
    if (m.is_object()) {
      if (auto t = m.find("title"); t != m.end() && t->is_string()) s.page_titles.push_back(t->get<std::string>());
      if (auto p = m.find("pages"); p != m.end() && p->is_array()) {
        for (const auto& page : *p) {
          if (page.is_string()) s.page_titles.push_back(page.get<std::string>());
        }
      }
    }
  }
  return s;
}

void add_hosts(core::Conn& c, std::vector<SearchSource>& sources) {
  for (auto& s : sources) {
    s.host_app_ids = c.query_all<std::string>("SELECT host_app_id FROM host_app_apps WHERE app_id = ?1 ORDER BY host_app_id",
                                              s.app_id);
  }
}

}  // namespace

std::vector<SearchSource> load_search_sources(core::Conn& c, const std::string& after_app_id, int limit) {
  std::vector<SearchSource> out;
  c.for_each(kSelect + "WHERE a.id > ?1 ORDER BY a.id LIMIT ?2", [&](core::Row& r) { out.push_back(read_source(r)); },
             after_app_id, limit);
  add_hosts(c, out);
  return out;
}

std::optional<SearchSource> load_search_source(core::Conn& c, const std::string& app_id) {
  std::vector<SearchSource> out;
  c.for_each(kSelect + "WHERE a.id = ?1", [&](core::Row& r) { out.push_back(read_source(r)); }, app_id);
  if (out.empty()) return std::nullopt;
  add_hosts(c, out);
  return std::move(out.front());
}

}  // namespace cove::apps
