#include "modules/accounts/invitation_repo.hpp"

namespace cove::accounts::invitation_repo {

void read_row(core::Row& r, Invitation& inv) {
  r.read(inv.id, inv.org_id, inv.email, inv.role, inv.invited_by, inv.invited_by_name, inv.expires_ms,
         inv.accepted_ms, inv.accepted_by, inv.revoked_ms, inv.created_ms);
}


namespace {

const std::string kColumns =
    "SELECT i.id, i.org_id, i.email, i.role, i.invited_by, COALESCE(u.name, ''), i.expires_ms, i.accepted_ms, "
    "COALESCE(i.accepted_by, ''), i.revoked_ms, i.created_ms";
const std::string kFrom = "FROM invitations i LEFT JOIN users u ON u.id = i.invited_by ";
const std::string kSelect = kColumns + " " + kFrom;

// What "pending" means in SQL, with the current time as ?N.
const std::string kPendingAt = "(i.accepted_ms IS NULL AND i.revoked_ms IS NULL AND i.expires_ms > ";

}  // namespace

void insert(core::Tx& tx, const Invitation& inv, const std::string& token_hash) {
  tx.exec(
      "INSERT INTO invitations(id, org_id, email, role, token_hash, invited_by, expires_ms, created_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
      inv.id, inv.org_id, inv.email, inv.role, token_hash, inv.invited_by, inv.expires_ms, inv.created_ms);
}

std::optional<Invitation> find(core::Conn& c, const std::string& org_id, const std::string& invitation_id) {
  return c.query_one<Invitation>(kSelect + "WHERE i.org_id = ? AND i.id = ?", org_id, invitation_id);
}

std::optional<Invitation> find_by_token_hash(core::Conn& c, const std::string& token_hash) {
  return c.query_one<Invitation>(kSelect + "WHERE i.token_hash = ?", token_hash);
}

bool has_pending(core::Conn& c, const std::string& org_id, const std::string& email, std::int64_t now_ms) {
  return c
      .query_one<int>("SELECT 1 FROM invitations i WHERE i.org_id = ?1 AND i.email = ?2 AND " + kPendingAt + "?3)",
                      org_id, email, now_ms)
      .has_value();
}

core::Page<Invitation> list(core::Conn& c, const std::string& org_id, const std::optional<std::string>& status,
                            std::int64_t now_ms, const core::PageRequest& page) {
  return c.query_page<Invitation>(
      kColumns,
      kFrom + "WHERE i.org_id = ?1 AND (?2 IS NULL OR (?2 = 'pending' AND " + kPendingAt +
          "?3)) "
          "OR (?2 = 'accepted' AND i.accepted_ms IS NOT NULL) "
          "OR (?2 = 'revoked' AND i.accepted_ms IS NULL AND i.revoked_ms IS NOT NULL) "
          "OR (?2 = 'expired' AND i.accepted_ms IS NULL AND i.revoked_ms IS NULL AND i.expires_ms <= ?3))",
      core::newest_first_page_sql("i.", 4), page, org_id, status, now_ms);
}

bool mark_accepted(core::Tx& tx, const std::string& invitation_id, const std::string& user_id,
                   std::int64_t now_ms) {
  return tx.exec("UPDATE invitations AS i SET accepted_ms = ?1, accepted_by = ?2 WHERE i.id = ?3 AND " +
                     kPendingAt + "?1)",
                 now_ms, user_id, invitation_id) == 1;
}

bool revoke(core::Tx& tx, const std::string& invitation_id, std::int64_t now_ms) {
  return tx.exec("UPDATE invitations AS i SET revoked_ms = ?1 WHERE i.id = ?2 AND " + kPendingAt + "?1)", now_ms,
                 invitation_id) == 1;
}

}  // namespace cove::accounts::invitation_repo
