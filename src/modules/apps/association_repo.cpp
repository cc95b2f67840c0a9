#include "modules/apps/association_repo.hpp"

#include <fmt/format.h>

namespace cove::apps::association_repo {

namespace {

constexpr const char* kSelect =
    "SELECT ha.host_app_id, ha.app_id, a.org_id, a.name, a.status, ha.allowed_apis, ha.allowed_menus, "
    "ha.cross_org, ha.created_by, ha.created_ms, ha.updated_ms FROM host_app_apps ha JOIN apps a ON a.id = "
    "ha.app_id";

Association read_association(SQLite::Statement& st) {
  Association a;
  a.host_app_id = st.getColumn(0).getString();
  a.app_id = st.getColumn(1).getString();
  a.app_org_id = st.getColumn(2).getString();
  a.app_name = st.getColumn(3).getString();
  a.app_status = st.getColumn(4).getString();
  a.allowed_apis = nlohmann::json::parse(st.getColumn(5).getString()).get<std::vector<std::string>>();
  a.allowed_menus = nlohmann::json::parse(st.getColumn(6).getString()).get<std::vector<std::string>>();
  a.cross_org = st.getColumn(7).getInt() != 0;
  a.created_by = st.getColumn(8).getString();
  a.created_ms = st.getColumn(9).getInt64();
  a.updated_ms = st.getColumn(10).getInt64();
  return a;
}

}  // namespace

std::optional<Association> find(core::Conn& c, const std::string& host_app_id, const std::string& app_id) {
  auto& st = c.prepare(fmt::format("{} WHERE ha.host_app_id = ? AND ha.app_id = ?", kSelect));
  st.bind(1, host_app_id);
  st.bind(2, app_id);
  if (!st.executeStep()) return std::nullopt;
  return read_association(st);
}

void upsert(core::Tx& tx, const Association& a) {
  auto& st = tx.prepare(
      "INSERT INTO host_app_apps(host_app_id, app_id, allowed_apis, allowed_menus, cross_org, created_by, "
      "created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(host_app_id, app_id) DO UPDATE SET allowed_apis = excluded.allowed_apis, "
      "allowed_menus = excluded.allowed_menus, cross_org = excluded.cross_org, updated_ms = "
      "excluded.updated_ms");
  st.bind(1, a.host_app_id);
  st.bind(2, a.app_id);
  st.bind(3, nlohmann::json(a.allowed_apis).dump());
  st.bind(4, nlohmann::json(a.allowed_menus).dump());
  st.bind(5, a.cross_org ? 1 : 0);
  st.bind(6, a.created_by);
  st.bind(7, a.created_ms);
  st.bind(8, a.updated_ms);
  st.exec();
}

void set_grants(core::Tx& tx, const Association& a) {
  auto& st = tx.prepare(
      "UPDATE host_app_apps SET allowed_apis = ?, allowed_menus = ?, updated_ms = ? "
      "WHERE host_app_id = ? AND app_id = ?");
  st.bind(1, nlohmann::json(a.allowed_apis).dump());
  st.bind(2, nlohmann::json(a.allowed_menus).dump());
  st.bind(3, a.updated_ms);
  st.bind(4, a.host_app_id);
  st.bind(5, a.app_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& host_app_id, const std::string& app_id) {
  auto& st = tx.prepare("DELETE FROM host_app_apps WHERE host_app_id = ? AND app_id = ?");
  st.bind(1, host_app_id);
  st.bind(2, app_id);
  st.exec();
}

std::vector<Association> list(core::Conn& c, const std::string& host_app_id,
                              const accounts::PageRequest& page) {
  std::string sql = fmt::format("{} WHERE ha.host_app_id = ?", kSelect);
  if (page.after) sql += " AND (ha.created_ms < ? OR (ha.created_ms = ? AND ha.app_id < ?))";
  sql += " ORDER BY ha.created_ms DESC, ha.app_id DESC LIMIT ?";
  auto& st = c.prepare(sql);
  int i = 1;
  st.bind(i++, host_app_id);
  if (page.after) {
    st.bind(i++, page.after->ms);
    st.bind(i++, page.after->ms);
    st.bind(i++, page.after->id);
  }
  st.bind(i, page.limit + 1);
  std::vector<Association> out;
  while (st.executeStep()) out.push_back(read_association(st));
  return out;
}

std::vector<Association> all_of(core::Conn& c, const std::string& host_app_id) {
  auto& st = c.prepare(fmt::format("{} WHERE ha.host_app_id = ? ORDER BY ha.created_ms, ha.app_id", kSelect));
  st.bind(1, host_app_id);
  std::vector<Association> out;
  while (st.executeStep()) out.push_back(read_association(st));
  return out;
}

}  // namespace cove::apps::association_repo
