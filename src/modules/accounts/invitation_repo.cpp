#include "modules/accounts/invitation_repo.hpp"

namespace cove::accounts::invitation_repo {

namespace {

constexpr const char* kSelect =
    "SELECT i.id, i.org_id, i.email, i.role, i.invited_by, COALESCE(u.name, ''), i.expires_ms, "
    "i.accepted_ms, "
    "COALESCE(i.accepted_by, ''), i.revoked_ms, i.created_ms FROM invitations i "
    "LEFT JOIN users u ON u.id = i.invited_by ";

// What "pending" means in SQL, with the current time as ?N.
constexpr const char* kPendingAt = "(i.accepted_ms IS NULL AND i.revoked_ms IS NULL AND i.expires_ms > ";

std::optional<std::int64_t> optional_int(const SQLite::Column& col) {
  if (col.isNull()) return std::nullopt;
  return col.getInt64();
}

Invitation read_invitation(SQLite::Statement& st) {
  Invitation inv;
  inv.id = st.getColumn(0).getString();
  inv.org_id = st.getColumn(1).getString();
  inv.email = st.getColumn(2).getString();
  inv.role = st.getColumn(3).getString();
  inv.invited_by = st.getColumn(4).getString();
  inv.invited_by_name = st.getColumn(5).getString();
  inv.expires_ms = st.getColumn(6).getInt64();
  inv.accepted_ms = optional_int(st.getColumn(7));
  inv.accepted_by = st.getColumn(8).getString();
  inv.revoked_ms = optional_int(st.getColumn(9));
  inv.created_ms = st.getColumn(10).getInt64();
  return inv;
}

}  // namespace

void insert(core::Tx& tx, const Invitation& inv, const std::string& token_hash) {
  auto& st = tx.prepare(
      "INSERT INTO invitations(id, org_id, email, role, token_hash, invited_by, expires_ms, created_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, inv.id);
  st.bind(2, inv.org_id);
  st.bind(3, inv.email);
  st.bind(4, inv.role);
  st.bind(5, token_hash);
  st.bind(6, inv.invited_by);
  st.bind(7, inv.expires_ms);
  st.bind(8, inv.created_ms);
  st.exec();
}

std::optional<Invitation> find(core::Conn& c, const std::string& org_id, const std::string& invitation_id) {
  auto& st = c.prepare(std::string(kSelect) + "WHERE i.org_id = ? AND i.id = ?");
  st.bind(1, org_id);
  st.bind(2, invitation_id);
  if (!st.executeStep()) return std::nullopt;
  return read_invitation(st);
}

std::optional<Invitation> find_by_token_hash(core::Conn& c, const std::string& token_hash) {
  auto& st = c.prepare(std::string(kSelect) + "WHERE i.token_hash = ?");
  st.bind(1, token_hash);
  if (!st.executeStep()) return std::nullopt;
  return read_invitation(st);
}

bool has_pending(core::Conn& c, const std::string& org_id, const std::string& email, std::int64_t now_ms) {
  auto& st = c.prepare(std::string("SELECT 1 FROM invitations i WHERE i.org_id = ?1 AND i.email = ?2 AND ") +
                       kPendingAt + "?3)");
  st.bind(1, org_id);
  st.bind(2, email);
  st.bind(3, now_ms);
  return st.executeStep();
}

std::vector<Invitation> list(core::Conn& c, const std::string& org_id,
                             const std::optional<std::string>& status, std::int64_t now_ms,
                             const PageRequest& page) {
  auto& st = c.prepare(
      std::string(kSelect) +
      "WHERE i.org_id = ?1 AND (?2 IS NULL "
      "OR (?2 = 'pending' AND " +
      kPendingAt +
      "?3)) "
      "OR (?2 = 'accepted' AND i.accepted_ms IS NOT NULL) "
      "OR (?2 = 'revoked' AND i.accepted_ms IS NULL AND i.revoked_ms IS NOT NULL) "
      "OR (?2 = 'expired' AND i.accepted_ms IS NULL AND i.revoked_ms IS NULL AND i.expires_ms <= ?3)) "
      "AND (?4 IS NULL OR i.created_ms < ?4 OR (i.created_ms = ?4 AND i.id < ?5)) "
      "ORDER BY i.created_ms DESC, i.id DESC LIMIT ?6");
  st.bind(1, org_id);
  if (status)
    st.bind(2, *status);
  else
    st.bind(2);
  st.bind(3, now_ms);
  bind_page(st, 4, page);
  std::vector<Invitation> rows;
  while (st.executeStep()) rows.push_back(read_invitation(st));
  return rows;
}

bool mark_accepted(core::Tx& tx, const std::string& invitation_id, const std::string& user_id,
                   std::int64_t now_ms) {
  auto& st = tx.prepare(
      std::string("UPDATE invitations AS i SET accepted_ms = ?1, accepted_by = ?2 WHERE i.id = ?3 AND ") +
      kPendingAt + "?1)");
  st.bind(1, now_ms);
  st.bind(2, user_id);
  st.bind(3, invitation_id);
  return st.exec() == 1;
}

bool revoke(core::Tx& tx, const std::string& invitation_id, std::int64_t now_ms) {
  auto& st = tx.prepare(std::string("UPDATE invitations AS i SET revoked_ms = ?1 WHERE i.id = ?2 AND ") +
                        kPendingAt + "?1)");
  st.bind(1, now_ms);
  st.bind(2, invitation_id);
  return st.exec() == 1;
}

}  // namespace cove::accounts::invitation_repo
