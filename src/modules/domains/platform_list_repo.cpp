#include "modules/domains/platform_list_repo.hpp"

namespace cove::domains {

void read_row(core::Row& r, PlatformDomain& d) {
  r.read(d.list, d.host, d.kinds, d.note, d.created_by, d.created_ms);
}

namespace platform_list_repo {

namespace {

const std::string kSelect = "SELECT list, host, kinds, note, created_by, created_ms FROM platform_domains ";

}  // namespace

std::vector<PlatformDomain> all(core::Conn& c, PlatformList list) {
  return c.query_all<PlatformDomain>(kSelect + "WHERE list = ? ORDER BY host", std::string(list_name(list)));
}

std::optional<PlatformDomain> find(core::Conn& c, PlatformList list, const std::string& host) {
  return c.query_one<PlatformDomain>(kSelect + "WHERE list = ? AND host = ?", std::string(list_name(list)), host);
}

std::int64_t count(core::Conn& c, PlatformList list) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM platform_domains WHERE list = ?",
                                     std::string(list_name(list)));
}

void insert(core::Tx& tx, const PlatformDomain& d) {
  tx.exec(
      "INSERT INTO platform_domains(list, host, kinds, note, created_by, created_ms) VALUES(?, ?, ?, ?, ?, ?)",
      d.list, d.host, nlohmann::json(d.kinds), d.note, d.created_by, d.created_ms);
}

void remove(core::Tx& tx, PlatformList list, const std::string& host) {
  tx.exec("DELETE FROM platform_domains WHERE list = ? AND host = ?", std::string(list_name(list)), host);
}

}  // namespace platform_list_repo

}  // namespace cove::domains
