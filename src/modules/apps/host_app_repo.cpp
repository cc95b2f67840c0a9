#include "modules/apps/host_app_repo.hpp"

#include <fmt/format.h>

namespace cove::apps::host_app_repo {

namespace {

// Bundle ids come along as one JSON column (the primary key keeps them sorted by platform and
// id), so a page of host apps is one statement rather than one more per row.
constexpr const char* kColumns =
    "h.id, h.org_id, h.name, h.sdk_key, h.status, h.custom_apis, h.menus, h.secret_rotated_ms, h.created_ms, "
    "h.updated_ms, (SELECT json_group_array(json_array(b.platform, b.bundle_id)) FROM host_app_bundles b "
    "WHERE b.host_app_id = h.id)";

HostApp read_host_app(SQLite::Statement& st) {
  HostApp h;
  h.id = st.getColumn(0).getString();
  h.org_id = st.getColumn(1).getString();
  h.name = st.getColumn(2).getString();
  h.sdk_key = st.getColumn(3).getString();
  h.status = st.getColumn(4).getString();
  for (const auto& a : nlohmann::json::parse(st.getColumn(5).getString())) {
    h.custom_apis.push_back({a.at("name").get<std::string>(), a.at("description").get<std::string>()});
  }
  for (const auto& m : nlohmann::json::parse(st.getColumn(6).getString())) {
    h.menus.push_back({m.at("id").get<std::string>(), m.at("title").get<std::string>()});
  }
  h.secret_rotated_ms = st.getColumn(7).getInt64();
  h.created_ms = st.getColumn(8).getInt64();
  h.updated_ms = st.getColumn(9).getInt64();
  for (const auto& b : nlohmann::json::parse(st.getColumn(10).getString())) {
    h.bundles.push_back({b.at(0).get<std::string>(), b.at(1).get<std::string>()});
  }
  return h;
}

std::string apis_text(const HostApp& h) {
  auto out = nlohmann::json::array();
  for (const auto& a : h.custom_apis) out.push_back({{"name", a.name}, {"description", a.description}});
  return out.dump();
}

std::string menus_text(const HostApp& h) {
  auto out = nlohmann::json::array();
  for (const auto& m : h.menus) out.push_back({{"id", m.id}, {"title", m.title}});
  return out.dump();
}

}  // namespace

std::optional<HostApp> find(core::Conn& c, const std::string& org_id, const std::string& host_app_id) {
  auto& st = c.prepare(fmt::format("SELECT {} FROM host_apps h WHERE h.id = ? AND h.org_id = ?", kColumns));
  st.bind(1, host_app_id);
  st.bind(2, org_id);
  if (!st.executeStep()) return std::nullopt;
  return read_host_app(st);
}

std::optional<HostApp> find_any(core::Conn& c, const std::string& host_app_id) {
  auto& st = c.prepare(fmt::format("SELECT {} FROM host_apps h WHERE h.id = ?", kColumns));
  st.bind(1, host_app_id);
  if (!st.executeStep()) return std::nullopt;
  return read_host_app(st);
}

std::int64_t count_in_org(core::Conn& c, const std::string& org_id) {
  auto& st = c.prepare("SELECT count(*) FROM host_apps WHERE org_id = ?");
  st.bind(1, org_id);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

void insert(core::Tx& tx, const HostApp& h, const std::string& sealed_secret) {
  auto& st = tx.prepare(
      "INSERT INTO host_apps(id, org_id, name, sdk_key, sdk_secret, status, custom_apis, menus, "
      "secret_rotated_ms, created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, h.id);
  st.bind(2, h.org_id);
  st.bind(3, h.name);
  st.bind(4, h.sdk_key);
  st.bind(5, sealed_secret);
  st.bind(6, h.status);
  st.bind(7, apis_text(h));
  st.bind(8, menus_text(h));
  st.bind(9, h.secret_rotated_ms);
  st.bind(10, h.created_ms);
  st.bind(11, h.updated_ms);
  st.exec();
  replace_bundles(tx, h);
}

void update(core::Tx& tx, const HostApp& h) {
  auto& st = tx.prepare(
      "UPDATE host_apps SET name = ?, status = ?, custom_apis = ?, menus = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?");
  st.bind(1, h.name);
  st.bind(2, h.status);
  st.bind(3, apis_text(h));
  st.bind(4, menus_text(h));
  st.bind(5, h.updated_ms);
  st.bind(6, h.id);
  st.bind(7, h.org_id);
  st.exec();
}

void replace_bundles(core::Tx& tx, const HostApp& h) {
  auto& del = tx.prepare("DELETE FROM host_app_bundles WHERE host_app_id = ?");
  del.bind(1, h.id);
  del.exec();
  for (const auto& b : h.bundles) {
    auto& ins = tx.prepare("INSERT INTO host_app_bundles(host_app_id, platform, bundle_id) VALUES(?, ?, ?)");
    ins.bind(1, h.id);
    ins.bind(2, b.platform);
    ins.bind(3, b.id);
    ins.exec();
  }
}

void set_secret(core::Tx& tx, const HostApp& h, const std::string& sealed_secret) {
  auto& st = tx.prepare(
      "UPDATE host_apps SET sdk_secret = ?, secret_rotated_ms = ?, updated_ms = ? WHERE id = ? AND org_id = "
      "?");
  st.bind(1, sealed_secret);
  st.bind(2, h.secret_rotated_ms);
  st.bind(3, h.updated_ms);
  st.bind(4, h.id);
  st.bind(5, h.org_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& host_app_id) {
  // Bundles and associations go with it (ON DELETE CASCADE).
  auto& st = tx.prepare("DELETE FROM host_apps WHERE id = ? AND org_id = ?");
  st.bind(1, host_app_id);
  st.bind(2, org_id);
  st.exec();
}

std::vector<HostApp> list(core::Conn& c, const HostAppFilter& filter, const accounts::PageRequest& page) {
  // One statement text per shape of filter (a bounded set), so each stays cached.
  std::string sql = fmt::format("SELECT {} FROM host_apps h WHERE h.org_id = ?", kColumns);
  if (filter.status) sql += " AND h.status = ?";
  if (!filter.query.empty()) sql += " AND (h.name LIKE ? ESCAPE '\\' OR h.id = ? OR h.sdk_key = ?)";
  const int page_index = 2 + (filter.status ? 1 : 0) + (filter.query.empty() ? 0 : 3);
  sql += accounts::newest_first_page_sql("h.", page_index);
  auto& st = c.prepare(sql);
  int i = 1;
  st.bind(i++, filter.org_id);
  if (filter.status) st.bind(i++, *filter.status);
  if (!filter.query.empty()) {
    st.bind(i++, accounts::like_contains(filter.query));
    st.bind(i++, filter.query);
    st.bind(i++, filter.query);
  }
  accounts::bind_page(st, i, page);
  std::vector<HostApp> out;
  while (st.executeStep()) out.push_back(read_host_app(st));
  return out;
}

}  // namespace cove::apps::host_app_repo
