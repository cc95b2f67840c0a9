#include "modules/accounts/recipient_repo.hpp"

#include <nlohmann/json.hpp>

#include "core/db_row.hpp"

namespace cove::accounts {

void read_row(core::Row& r, Recipient& x) { r.read(x.user_id, x.email, x.name); }

namespace recipient_repo {

// Roles travel as one JSON array parameter (json_each), so one cached statement serves any set.
std::vector<Recipient> by_org_roles(core::Conn& c, const std::string& org_id, const std::vector<std::string>& roles) {
  return c.query_all<Recipient>(
      "SELECT u.id, u.email, u.name FROM org_members m JOIN users u ON u.id = m.user_id "
      "WHERE m.org_id = ? AND u.status = 'active' AND m.role IN (SELECT value FROM json_each(?)) "
      "ORDER BY m.created_ms, u.id",
      org_id, nlohmann::json(roles));
}

std::vector<Recipient> by_platform_roles(core::Conn& c, const std::vector<std::string>& roles) {
  return c.query_all<Recipient>(
      "SELECT id, email, name FROM users WHERE status = 'active' AND platform_role <> '' "
      "AND platform_role IN (SELECT value FROM json_each(?)) ORDER BY created_ms, id",
      nlohmann::json(roles));
}

std::optional<Recipient> find(core::Conn& c, const std::string& user_id) {
  return c.query_one<Recipient>("SELECT id, email, name FROM users WHERE id = ? AND status = 'active'", user_id);
}

std::optional<Recipient> find_by_email(core::Conn& c, const std::string& email) {
  return c.query_one<Recipient>("SELECT id, email, name FROM users WHERE email = ? AND status = 'active'", email);
}

}  // namespace recipient_repo

}  // namespace cove::accounts
