#include "modules/accounts/member_repo.hpp"

#include <initializer_list>
#include <string_view>

namespace cove::accounts::member_repo {

namespace {

constexpr const char* kSelect =
    "SELECT m.user_id, u.email, u.name, m.role, u.status, u.totp_secret IS NOT NULL, u.must_change_password, "
    "m.created_ms FROM org_members m JOIN users u ON u.id = m.user_id ";

Member read_member(SQLite::Statement& st) {
  Member m;
  m.user_id = st.getColumn(0).getString();
  m.email = st.getColumn(1).getString();
  m.name = st.getColumn(2).getString();
  m.role = st.getColumn(3).getString();
  m.user_status = st.getColumn(4).getString();
  m.two_factor = st.getColumn(5).getInt() != 0;
  m.must_change_password = st.getColumn(6).getInt() != 0;
  m.joined_ms = st.getColumn(7).getInt64();
  return m;
}

// Runs a count(*) query whose parameters are `values`, in order.
std::int64_t count_where(core::Conn& c, const std::string& sql,
                         std::initializer_list<std::string_view> values) {
  auto& st = c.prepare(sql);
  int index = 0;
  for (const auto v : values) st.bind(++index, std::string(v));
  st.executeStep();
  return st.getColumn(0).getInt64();
}

}  // namespace

std::optional<Member> find(core::Conn& c, const std::string& org_id, const std::string& user_id) {
  auto& st = c.prepare(std::string(kSelect) + "WHERE m.org_id = ? AND m.user_id = ?");
  st.bind(1, org_id);
  st.bind(2, user_id);
  if (!st.executeStep()) return std::nullopt;
  return read_member(st);
}

std::optional<std::string> role_of(core::Conn& c, const std::string& org_id, const std::string& user_id) {
  auto& st = c.prepare("SELECT role FROM org_members WHERE org_id = ? AND user_id = ?");
  st.bind(1, org_id);
  st.bind(2, user_id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

std::vector<Member> list(core::Conn& c, const std::string& org_id, const std::optional<std::string>& role,
                         const PageRequest& page) {
  auto& st = c.prepare(std::string(kSelect) +
                       "WHERE m.org_id = ?1 AND (?2 IS NULL OR m.role = ?2) "
                       "AND (?3 IS NULL OR m.created_ms > ?3 OR (m.created_ms = ?3 AND m.user_id > ?4)) "
                       "ORDER BY m.created_ms, m.user_id LIMIT ?5");
  st.bind(1, org_id);
  if (role)
    st.bind(2, *role);
  else
    st.bind(2);
  bind_page(st, 3, page);
  std::vector<Member> rows;
  while (st.executeStep()) rows.push_back(read_member(st));
  return rows;
}

std::int64_t count(core::Conn& c, const std::string& org_id) {
  return count_where(c, "SELECT count(*) FROM org_members WHERE org_id = ?", {org_id});
}

std::int64_t count_owners(core::Conn& c, const std::string& org_id) {
  return count_where(c, "SELECT count(*) FROM org_members WHERE org_id = ? AND role = 'owner'", {org_id});
}

std::int64_t count_other_orgs(core::Conn& c, const std::string& org_id, const std::string& user_id) {
  return count_where(c, "SELECT count(*) FROM org_members WHERE org_id <> ? AND user_id = ?",
                     {org_id, user_id});
}

void insert(core::Tx& tx, const std::string& org_id, const std::string& user_id, const std::string& role,
            std::int64_t now_ms) {
  auto& st = tx.prepare("INSERT INTO org_members(org_id, user_id, role, created_ms) VALUES(?, ?, ?, ?)");
  st.bind(1, org_id);
  st.bind(2, user_id);
  st.bind(3, role);
  st.bind(4, now_ms);
  st.exec();
}

void set_role(core::Tx& tx, const std::string& org_id, const std::string& user_id, const std::string& role) {
  auto& st = tx.prepare("UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?");
  st.bind(1, role);
  st.bind(2, org_id);
  st.bind(3, user_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& user_id) {
  auto& st = tx.prepare("DELETE FROM org_members WHERE org_id = ? AND user_id = ?");
  st.bind(1, org_id);
  st.bind(2, user_id);
  st.exec();
}

}  // namespace cove::accounts::member_repo
