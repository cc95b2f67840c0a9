#include "modules/gray/uid_list_repo.hpp"

#include <fmt/format.h>

namespace cove::gray::uid_list_repo {

namespace {

constexpr const char* kColumns =
    "id, org_id, name, description, size, revision, created_by, created_ms, updated_ms";

UidList read_list(SQLite::Statement& st) {
  UidList l;
  l.id = st.getColumn(0).getString();
  l.org_id = st.getColumn(1).getString();
  l.name = st.getColumn(2).getString();
  l.description = st.getColumn(3).getString();
  l.size = st.getColumn(4).getInt64();
  l.revision = st.getColumn(5).getInt64();
  l.created_by = st.getColumn(6).getString();
  l.created_ms = st.getColumn(7).getInt64();
  l.updated_ms = st.getColumn(8).getInt64();
  return l;
}

std::int64_t count_members(core::Conn& c, const std::string& list_id) {
  auto& st = c.prepare("SELECT count(*) FROM uid_list_members WHERE list_id = ?");
  st.bind(1, list_id);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

}  // namespace

std::optional<UidList> find(core::Conn& c, const std::string& org_id, const std::string& list_id) {
  auto& st = c.prepare(fmt::format("SELECT {} FROM uid_lists WHERE id = ? AND org_id = ?", kColumns));
  st.bind(1, list_id);
  st.bind(2, org_id);
  if (!st.executeStep()) return std::nullopt;
  return read_list(st);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& list_id) {
  auto& st = c.prepare("SELECT org_id FROM uid_lists WHERE id = ?");
  st.bind(1, list_id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

std::vector<UidList> list(core::Conn& c, const std::string& org_id, const std::string& query,
                          const accounts::PageRequest& page) {
  auto& st = c.prepare(
      fmt::format("SELECT {} FROM uid_lists WHERE org_id = ?1 AND (?2 = '' OR name LIKE ?3 ESCAPE '\\') {}",
                  kColumns, accounts::newest_first_page_sql("", 4)));
  st.bind(1, org_id);
  st.bind(2, query);
  st.bind(3, accounts::like_contains(query));
  accounts::bind_page(st, 4, page);
  std::vector<UidList> out;
  while (st.executeStep()) out.push_back(read_list(st));
  return out;
}

std::int64_t count_in_org(core::Conn& c, const std::string& org_id) {
  auto& st = c.prepare("SELECT count(*) FROM uid_lists WHERE org_id = ?");
  st.bind(1, org_id);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

bool name_taken(core::Conn& c, const std::string& org_id, const std::string& name,
                const std::string& except_id) {
  auto& st = c.prepare("SELECT 1 FROM uid_lists WHERE org_id = ? AND name = ? AND id <> ?");
  st.bind(1, org_id);
  st.bind(2, name);
  st.bind(3, except_id);
  return st.executeStep();
}

std::vector<std::string> existing(core::Conn& c, const std::string& org_id,
                                  const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  auto& st = c.prepare("SELECT 1 FROM uid_lists WHERE id = ? AND org_id = ?");
  for (const auto& id : ids) {
    st.reset();
    st.bind(1, id);
    st.bind(2, org_id);
    if (st.executeStep()) out.push_back(id);
  }
  st.reset();
  return out;
}

void insert(core::Tx& tx, const UidList& l) {
  auto& st = tx.prepare(
      "INSERT INTO uid_lists(id, org_id, name, description, size, revision, created_by, created_ms, "
      "updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, l.id);
  st.bind(2, l.org_id);
  st.bind(3, l.name);
  st.bind(4, l.description);
  st.bind(5, l.size);
  st.bind(6, l.revision);
  st.bind(7, l.created_by);
  st.bind(8, l.created_ms);
  st.bind(9, l.updated_ms);
  st.exec();
}

void update(core::Tx& tx, const UidList& l) {
  auto& st = tx.prepare(
      "UPDATE uid_lists SET name = ?, description = ?, size = ?, revision = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?");
  st.bind(1, l.name);
  st.bind(2, l.description);
  st.bind(3, l.size);
  st.bind(4, l.revision);
  st.bind(5, l.updated_ms);
  st.bind(6, l.id);
  st.bind(7, l.org_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& list_id) {
  auto& st = tx.prepare("DELETE FROM uid_lists WHERE id = ? AND org_id = ?");  // members cascade
  st.bind(1, list_id);
  st.bind(2, org_id);
  st.exec();
}

std::int64_t write_members(core::Tx& tx, const std::string& list_id, bool clear,
                           const std::function<void(const std::function<void(std::string_view)>&)>& feed) {
  if (clear) {
    auto& del = tx.prepare("DELETE FROM uid_list_members WHERE list_id = ?");
    del.bind(1, list_id);
    del.exec();
  }
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
  auto& st = c.prepare("SELECT 1 FROM uid_list_members WHERE list_id = ? AND uid = ?");
  st.bind(1, list_id);
  st.bind(2, uid);
  return st.executeStep();
}

std::optional<Revision> revision_of(core::Conn& c, const std::string& list_id) {
  auto& st = c.prepare("SELECT revision, size FROM uid_lists WHERE id = ?");
  st.bind(1, list_id);
  if (!st.executeStep()) return std::nullopt;
  return Revision{st.getColumn(0).getInt64(), st.getColumn(1).getInt64()};
}

std::vector<std::string> members(core::Conn& c, const std::string& list_id, const std::string& after,
                                 int limit) {
  auto& st = c.prepare("SELECT uid FROM uid_list_members WHERE list_id = ? AND uid > ? ORDER BY uid LIMIT ?");
  st.bind(1, list_id);
  st.bind(2, after);
  st.bind(3, limit + 1);
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

void for_each_member(core::Conn& c, const std::string& list_id,
                     const std::function<void(std::string_view)>& fn) {
  auto& st = c.prepare("SELECT uid FROM uid_list_members WHERE list_id = ?");
  st.bind(1, list_id);
  while (st.executeStep()) {
    const auto col = st.getColumn(0);
    fn(std::string_view(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes())));
  }
  st.reset();
}

}  // namespace cove::gray::uid_list_repo
