#pragma once
// SQL for invitations. Lookups by id take the organisation as an explicit scope; the lookup by
// token hash is the one unscoped query (the token is the credential).
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/accounts/invitation_model.hpp"
#include "core/page.hpp"

namespace cove::accounts::invitation_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Invitation& inv);

void insert(core::Tx& tx, const Invitation& inv, const std::string& token_hash);
std::optional<Invitation> find(core::Conn& c, const std::string& org_id, const std::string& invitation_id);
std::optional<Invitation> find_by_token_hash(core::Conn& c, const std::string& token_hash);
bool has_pending(core::Conn& c, const std::string& org_id, const std::string& email, std::int64_t now_ms);
// Newest first, at most page.limit + 1 rows; `status` (pending | accepted | revoked | expired)
// filters when set.
core::Page<Invitation> list(core::Conn& c, const std::string& org_id,
                             const std::optional<std::string>& status, std::int64_t now_ms,
                             const core::PageRequest& page);
// Both succeed only while the invitation is pending (false otherwise), so a token is used once.
bool mark_accepted(core::Tx& tx, const std::string& invitation_id, const std::string& user_id,
                   std::int64_t now_ms);
bool revoke(core::Tx& tx, const std::string& invitation_id, std::int64_t now_ms);

}  // namespace cove::accounts::invitation_repo

namespace cove::accounts {
using invitation_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::accounts
