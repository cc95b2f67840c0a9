#include "modules/gray/uid_list_repo.hpp"

#include <fmt/format.h>

namespace cove::gray::uid_list_repo {

void read_row(core::Row& r, UidList& l) {
  r.read(l.id, l.org_id, l.name, l.description, l.size, l.revision, l.created_by, l.created_ms, l.updated_ms);
}


namespace {

const std::string kColumns = "SELECT id, org_id, name, description, size, revision, created_by, created_ms, updated_ms";
const std::string kSelect = kColumns + " FROM uid_lists ";

std::int64_t count_members(core::Conn& c, const std::string& list_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM uid_list_members WHERE list_id = ?", list_id);
}

}  // namespace

void read_row(core::Row& r, Revision& rev) { r.read(rev.revision, rev.size); }

std::optional<UidList> find(core::Conn& c, const std::string& org_id, const std::string& list_id) {
  return c.query_one<UidList>(kSelect + "WHERE id = ? AND org_id = ?", list_id, org_id);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& list_id) {
  return c.query_one<std::string>("SELECT org_id FROM uid_lists WHERE id = ?", list_id);
}

core::Page<UidList> list(core::Conn& c, const std::string& org_id, const std::string& query,
                         const core::PageRequest& page) {
  return c.query_page<UidList>(kColumns, "FROM uid_lists WHERE org_id = ?1 AND (?2 = '' OR name LIKE ?3 ESCAPE '\\')",
                               core::newest_first_page_sql("", 4), page, org_id, query, core::like_contains(query));
}

std::int64_t count_in_org(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM uid_lists WHERE org_id = ?", org_id);
}

bool name_taken(core::Conn& c, const std::string& org_id, const std::string& name, const std::string& except_id) {
  return c.query_one<int>("SELECT 1 FROM uid_lists WHERE org_id = ? AND name = ? AND id <> ?", org_id, name,
                          except_id)
      .has_value();
}

std::vector<std::string> existing(core::Conn& c, const std::string& org_id, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (c.query_one<int>("SELECT 1 FROM uid_lists WHERE id = ? AND org_id = ?", id, org_id)) out.push_back(id);
  }
  return out;
}

void insert(core::Tx& tx, const UidList& l) {
  tx.exec(
      "INSERT INTO uid_lists(id, org_id, name, description, size, revision, created_by, created_ms, updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      l.id, l.org_id, l.name, l.description, l.size, l.revision, l.created_by, l.created_ms, l.updated_ms);
}

void update(core::Tx& tx, const UidList& l) {
  tx.exec(
      "UPDATE uid_lists SET name = ?, description = ?, size = ?, revision = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?",
      l.name, l.description, l.size, l.revision, l.updated_ms, l.id, l.org_id);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& list_id) {
  tx.exec("DELETE FROM uid_lists WHERE id = ? AND org_id = ?", list_id, org_id);  // members cascade
}

std::int64_t write_members(core::Tx& tx, const std::string& list_id, bool clear,
                           const std::function<void(const std::function<void(std::string_view)>&)>& feed) {
  if (clear) tx.exec("DELETE FROM uid_list_members WHERE list_id = ?", list_id);
  // Up to a million ids: one statement bound once, the id rebound per row.
  auto& ins = tx.prepare("INSERT OR IGNORE INTO uid_list_members(list_id, uid) VALUES(?, ?)");
  ins.bind(1, list_id);
  std::string text;  // reused: one id at a time, no allocation per id once it has grown
  feed([&](std::string_view uid) {
    ins.reset();
    text.assign(uid);
    ins.bind(2, text);
    ins.exec();
  });
  ins.reset();
  ins.clearBindings();
  return count_members(tx, list_id);
}

bool contains(core::Conn& c, const std::string& list_id, const std::string& uid) {
  return c.query_one<int>("SELECT 1 FROM uid_list_members WHERE list_id = ? AND uid = ?", list_id, uid).has_value();
}

std::optional<Revision> revision_of(core::Conn& c, const std::string& list_id) {
  return c.query_one<Revision>("SELECT revision, size FROM uid_lists WHERE id = ?", list_id);
}

std::vector<std::string> members(core::Conn& c, const std::string& list_id, const std::string& after,
                                 std::int64_t offset, int limit) {
  return c.query_all<std::string>(
      "SELECT uid FROM uid_list_members WHERE list_id = ? AND uid > ? ORDER BY uid LIMIT ? OFFSET ?", list_id, after,
      limit + 1, offset);
}

void for_each_member(core::Conn& c, const std::string& list_id,
                     const std::function<void(std::string_view)>& fn) {
  // Rows are read as views of SQLite's buffer: no string per member.
  auto& st = c.prepare("SELECT uid FROM uid_list_members WHERE list_id = ?");
  st.bind(1, list_id);
  while (st.executeStep()) {
    const auto col = st.getColumn(0);
    fn(std::string_view(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes())));
  }
  st.reset();
}

}  // namespace cove::gray::uid_list_repo
