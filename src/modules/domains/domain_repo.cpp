#include "modules/domains/domain_repo.hpp"


namespace cove::domains {

void read_row(core::Row& r, DeclaredEntry& e) { r.read(e.org_id, e.app_id, e.kind, e.value, e.host); }

namespace domain_repo {

namespace {

struct SetRow {
  std::int64_t revision = 0;
  std::string updated_by;
  std::int64_t updated_ms = 0;
};

void read_row(core::Row& r, SetRow& s) { r.read(s.revision, s.updated_by, s.updated_ms); }

const std::string kEntryColumns = "SELECT org_id, app_id, kind, value, host FROM app_domains ";

}  // namespace

DomainSet find(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  DomainSet s;
  s.app_id = app_id;
  s.org_id = org_id;
  const auto row = c.query_one<SetRow>(
      "SELECT revision, updated_by, updated_ms FROM app_domain_sets WHERE app_id = ? AND org_id = ?", app_id, org_id);
  if (!row) return s;
  s.revision = row->revision;
  s.updated_by = row->updated_by;
  s.updated_ms = row->updated_ms;
  for (const auto& e : c.query_all<DeclaredEntry>(
           kEntryColumns + "WHERE app_id = ? AND org_id = ? ORDER BY kind, position", app_id, org_id)) {
    if (const auto k = kind_from(e.kind)) s.lists[kind_index(*k)].push_back(e.value);
  }
  return s;
}

void replace(core::Tx& tx, const DomainSet& s) {
  tx.exec(
      "INSERT INTO app_domain_sets(app_id, org_id, revision, updated_by, updated_ms) VALUES(?, ?, ?, ?, ?) "
      "ON CONFLICT(app_id) DO UPDATE SET revision = excluded.revision, updated_by = excluded.updated_by, "
      "updated_ms = excluded.updated_ms",
      s.app_id, s.org_id, s.revision, s.updated_by, s.updated_ms);
  tx.exec("DELETE FROM app_domains WHERE app_id = ? AND org_id = ?", s.app_id, s.org_id);
  auto& ins = tx.prepare(
      "INSERT INTO app_domains(app_id, org_id, kind, position, value, host) VALUES(?, ?, ?, ?, ?, ?)");
  for (const auto k : kKinds) {
    const auto& list = s.lists[kind_index(k)];
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& value = list[i];
      const auto host = host_of(value);
      ins.reset();
      ins.bind(1, s.app_id);
      ins.bind(2, s.org_id);
      ins.bind(3, std::string(kind_name(k)));
      ins.bind(4, static_cast<std::int64_t>(i));
      ins.bind(5, value);
      ins.bind(6, host);
      ins.exec();
    }
  }
  ins.reset();
  ins.clearBindings();
}

std::int64_t longest_list_in_org(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>(
      "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM app_domains WHERE org_id = ? "
      "GROUP BY app_id, kind) AS lists",
      org_id);
}

std::vector<DeclaredEntry> blocked_by(core::Conn& c, const std::string& blocked_host) {
  // The host itself and names below it ("x.b", "*.x.b" end with ".b"), and wildcards above it
  // ("*.b" and "*.<suffix of b>") — each an index look-up or a suffix scan of one column.
  std::vector<std::string> wildcards = {"*." + blocked_host};
  for (auto dot = blocked_host.find('.'); dot != std::string::npos; dot = blocked_host.find('.', dot + 1)) {
    wildcards.push_back("*." + blocked_host.substr(dot + 1));
  }
  std::vector<DeclaredEntry> out;
  // Host names hold no LIKE wildcard characters (letters, digits, '-', '.', a leading '*').
  for (auto& e : c.query_all<DeclaredEntry>(
           kEntryColumns + "WHERE host = ? OR host LIKE ? ORDER BY org_id, app_id, kind, position", blocked_host,
           "%." + blocked_host)) {
    out.push_back(std::move(e));
  }
  for (const auto& w : wildcards) {
    for (auto& e : c.query_all<DeclaredEntry>(kEntryColumns + "WHERE host = ? ORDER BY org_id, app_id, kind, position",
                                              w)) {
      out.push_back(std::move(e));
    }
  }
  return out;
}

void for_each_entry(core::Conn& c, const std::function<void(const DeclaredEntry&)>& fn) {
  for (const auto& e : c.query_all<DeclaredEntry>(kEntryColumns + "ORDER BY app_id, kind, position")) fn(e);
}

}  // namespace domain_repo

}  // namespace cove::domains
