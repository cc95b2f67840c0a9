#include "modules/accounts/member_repo.hpp"

namespace cove::accounts::member_repo {

void read_row(core::Row& r, Member& m) {
  r.read(m.user_id, m.email, m.name, m.role, m.user_status, m.two_factor, m.must_change_password, m.joined_ms);
}


namespace {
const std::string kColumns =
    "SELECT m.user_id, u.email, u.name, m.role, u.status, u.totp_secret IS NOT NULL, u.must_change_password, "
    "m.created_ms";
const std::string kFrom = "FROM org_members m JOIN users u ON u.id = m.user_id ";
const std::string kSelect = kColumns + " " + kFrom;
}  // namespace

std::optional<Member> find(core::Conn& c, const std::string& org_id, const std::string& user_id) {
  return c.query_one<Member>(kSelect + "WHERE m.org_id = ? AND m.user_id = ?", org_id, user_id);
}

std::optional<std::string> role_of(core::Conn& c, const std::string& org_id, const std::string& user_id) {
  return c.query_one<std::string>("SELECT role FROM org_members WHERE org_id = ? AND user_id = ?", org_id, user_id);
}

core::Page<Member> list(core::Conn& c, const std::string& org_id, const std::optional<std::string>& role,
                        const core::PageRequest& page) {
  return c.query_page<Member>(kColumns, kFrom + "WHERE m.org_id = ?1 AND (?2 IS NULL OR m.role = ?2)",
                              core::oldest_first_page_sql("m.", 3, "user_id"), page, org_id, role);
}

std::int64_t count(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM org_members WHERE org_id = ?", org_id);
}

std::int64_t count_owners(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM org_members WHERE org_id = ? AND role = 'owner'", org_id);
}

std::int64_t count_other_orgs(core::Conn& c, const std::string& org_id, const std::string& user_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM org_members WHERE org_id <> ? AND user_id = ?", org_id,
                                     user_id);
}

void insert(core::Tx& tx, const std::string& org_id, const std::string& user_id, const std::string& role,
            std::int64_t now_ms) {
  tx.exec("INSERT INTO org_members(org_id, user_id, role, created_ms) VALUES(?, ?, ?, ?)", org_id, user_id, role,
          now_ms);
}

void set_role(core::Tx& tx, const std::string& org_id, const std::string& user_id, const std::string& role) {
  tx.exec("UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?", role, org_id, user_id);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& user_id) {
  tx.exec("DELETE FROM org_members WHERE org_id = ? AND user_id = ?", org_id, user_id);
}

}  // namespace cove::accounts::member_repo
