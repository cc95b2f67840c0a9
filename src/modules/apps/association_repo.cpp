#include "modules/apps/association_repo.hpp"

namespace cove::apps::association_repo {

void read_row(core::Row& r, Association& a) {
  nlohmann::json apis, menus;
  r.read(a.host_app_id, a.app_id, a.app_org_id, a.app_name, a.app_status, apis, menus, a.cross_org, a.created_by,
         a.created_ms, a.updated_ms);
  a.allowed_apis = apis.get<std::vector<std::string>>();
  a.allowed_menus = menus.get<std::vector<std::string>>();
}


namespace {
const std::string kColumns =
    "SELECT ha.host_app_id, ha.app_id, a.org_id, a.name, a.status, ha.allowed_apis, ha.allowed_menus, "
    "ha.cross_org, ha.created_by, ha.created_ms, ha.updated_ms";
const std::string kFrom = "FROM host_app_apps ha JOIN apps a ON a.id = ha.app_id";
const std::string kSelect = kColumns + " " + kFrom;
}  // namespace

std::optional<Association> find(core::Conn& c, const std::string& host_app_id, const std::string& app_id) {
  return c.query_one<Association>(kSelect + " WHERE ha.host_app_id = ? AND ha.app_id = ?", host_app_id, app_id);
}

void upsert(core::Tx& tx, const Association& a) {
  tx.exec(
      "INSERT INTO host_app_apps(host_app_id, app_id, allowed_apis, allowed_menus, cross_org, created_by, "
      "created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(host_app_id, app_id) DO UPDATE SET allowed_apis = excluded.allowed_apis, "
      "allowed_menus = excluded.allowed_menus, cross_org = excluded.cross_org, updated_ms = excluded.updated_ms",
      a.host_app_id, a.app_id, nlohmann::json(a.allowed_apis), nlohmann::json(a.allowed_menus), a.cross_org,
      a.created_by, a.created_ms, a.updated_ms);
}

void set_grants(core::Tx& tx, const Association& a) {
  tx.exec(
      "UPDATE host_app_apps SET allowed_apis = ?, allowed_menus = ?, updated_ms = ? "
      "WHERE host_app_id = ? AND app_id = ?",
      nlohmann::json(a.allowed_apis), nlohmann::json(a.allowed_menus), a.updated_ms, a.host_app_id, a.app_id);
}

void remove(core::Tx& tx, const std::string& host_app_id, const std::string& app_id) {
  tx.exec("DELETE FROM host_app_apps WHERE host_app_id = ? AND app_id = ?", host_app_id, app_id);
}

core::Page<Association> list(core::Conn& c, const std::string& host_app_id, const core::PageRequest& page) {
  return c.query_page<Association>(kColumns, kFrom + " WHERE ha.host_app_id = ?1",
                                   core::newest_first_page_sql("ha.", 2, "app_id"), page, host_app_id);
}

std::vector<Association> all_of(core::Conn& c, const std::string& host_app_id) {
  return c.query_all<Association>(kSelect + " WHERE ha.host_app_id = ? ORDER BY ha.created_ms, ha.app_id",
                                  host_app_id);
}

}  // namespace cove::apps::association_repo
