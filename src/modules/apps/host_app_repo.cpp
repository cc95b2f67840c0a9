#include "modules/apps/host_app_repo.hpp"

namespace cove::apps::host_app_repo {

void read_row(core::Row& r, HostApp& h) {
  nlohmann::json apis, menus, bundles;
  r.read(h.id, h.org_id, h.name, h.sdk_key, h.status, apis, menus, h.secret_rotated_ms, h.created_ms, h.updated_ms,
         bundles);
  for (const auto& a : apis) h.custom_apis.push_back({a.at("name").get<std::string>(), a.at("description").get<std::string>()});
  for (const auto& m : menus) h.menus.push_back({m.at("id").get<std::string>(), m.at("title").get<std::string>()});
  for (const auto& b : bundles) h.bundles.push_back({b.at(0).get<std::string>(), b.at(1).get<std::string>()});
}


namespace {

// Bundle ids come along as one JSON column (the primary key keeps them sorted by platform and
// id), so a page of host apps is one statement rather than one more per row.
const std::string kColumns =
    "SELECT h.id, h.org_id, h.name, h.sdk_key, h.status, h.custom_apis, h.menus, h.secret_rotated_ms, "
    "h.created_ms, h.updated_ms, (SELECT json_group_array(json_array(b.platform, b.bundle_id)) "
    "FROM host_app_bundles b WHERE b.host_app_id = h.id)";
const std::string kSelect = kColumns + " FROM host_apps h ";

nlohmann::json apis_json(const HostApp& h) {
  auto out = nlohmann::json::array();
  for (const auto& a : h.custom_apis) out.push_back({{"name", a.name}, {"description", a.description}});
  return out;
}

nlohmann::json menus_json(const HostApp& h) {
  auto out = nlohmann::json::array();
  for (const auto& m : h.menus) out.push_back({{"id", m.id}, {"title", m.title}});
  return out;
}

}  // namespace

std::optional<HostApp> find(core::Conn& c, const std::string& org_id, const std::string& host_app_id) {
  return c.query_one<HostApp>(kSelect + "WHERE h.id = ? AND h.org_id = ?", host_app_id, org_id);
}

std::optional<HostApp> find_any(core::Conn& c, const std::string& host_app_id) {
  return c.query_one<HostApp>(kSelect + "WHERE h.id = ?", host_app_id);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& host_app_id) {
  return c.query_one<std::string>("SELECT org_id FROM host_apps WHERE id = ?", host_app_id);
}

std::int64_t count_in_org(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM host_apps WHERE org_id = ?", org_id);
}

void insert(core::Tx& tx, const HostApp& h, const std::string& sealed_secret) {
  tx.exec(
      "INSERT INTO host_apps(id, org_id, name, sdk_key, sdk_secret, status, custom_apis, menus, "
      "secret_rotated_ms, created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      h.id, h.org_id, h.name, h.sdk_key, sealed_secret, h.status, apis_json(h), menus_json(h), h.secret_rotated_ms,
      h.created_ms, h.updated_ms);
  replace_bundles(tx, h);
}

void update(core::Tx& tx, const HostApp& h) {
  tx.exec(
      "UPDATE host_apps SET name = ?, status = ?, custom_apis = ?, menus = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?",
      h.name, h.status, apis_json(h), menus_json(h), h.updated_ms, h.id, h.org_id);
}

void replace_bundles(core::Tx& tx, const HostApp& h) {
  tx.exec("DELETE FROM host_app_bundles WHERE host_app_id = ?", h.id);
  for (const auto& b : h.bundles) {
    tx.exec("INSERT INTO host_app_bundles(host_app_id, platform, bundle_id) VALUES(?, ?, ?)", h.id, b.platform,
            b.id);
  }
}

void set_secret(core::Tx& tx, const HostApp& h, const std::string& sealed_secret) {
  tx.exec("UPDATE host_apps SET sdk_secret = ?, secret_rotated_ms = ?, updated_ms = ? WHERE id = ? AND org_id = ?",
          sealed_secret, h.secret_rotated_ms, h.updated_ms, h.id, h.org_id);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& host_app_id) {
  // Bundles and associations go with it (ON DELETE CASCADE).
  tx.exec("DELETE FROM host_apps WHERE id = ? AND org_id = ?", host_app_id, org_id);
}

core::Page<HostApp> list(core::Conn& c, const HostAppFilter& filter, const core::PageRequest& page) {
  // One statement text per shape of filter (a bounded set), so each stays cached.
  std::string sql = "FROM host_apps h WHERE h.org_id = ?";
  core::SqlArgs args;
  args.add(filter.org_id);
  if (filter.status) {
    sql += " AND h.status = ?";
    args.add(*filter.status);
  }
  if (!filter.query.empty()) {
    sql += " AND (h.name LIKE ? ESCAPE '\\' OR h.id = ? OR h.sdk_key = ?)";
    args.add(core::like_contains(filter.query)).add(filter.query).add(filter.query);
  }
  return c.query_page<HostApp>(kColumns, sql,
                               core::newest_first_page_sql("h.", static_cast<int>(args.values().size()) + 1), page,
                               args);
}

}  // namespace cove::apps::host_app_repo
