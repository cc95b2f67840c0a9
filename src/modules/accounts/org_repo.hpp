#pragma once
// SQL for organisations and their quota overrides. No business rules here.
#include <map>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/accounts/org_model.hpp"

namespace cove::accounts::org_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Org& o);

std::optional<Org> find(core::Conn& c, const std::string& org_id);
bool exists(core::Conn& c, const std::string& org_id);
// Organisations whose status is active.
std::vector<std::string> active_ids(core::Conn& c);
std::int64_t count_with_status(core::Conn& c, std::string_view status);
// id → name of the organisations among `ids` (one statement, the ids as a JSON array).
std::unordered_map<std::string, std::string> names(core::Conn& c, const std::vector<std::string>& ids);
// Whether an organisation's licence scan is the blob `sha256`.
bool references_blob(core::Conn& c, const std::string& sha256);
// Whether an organisation that is not rejected already uses this licence number.
// Whether an organisation other than `except_org_id` that is not rejected holds the number.
bool license_in_use(core::Conn& c, const std::string& license_no, const std::string& except_org_id = "");
void insert(core::Tx& tx, const Org& o);
// Writes the editable profile: name, contact fields, require_2fa and updated_ms.
void update_profile(core::Tx& tx, const Org& o);
// Stores a rejected organisation's corrected profile and licence number, and makes it pending.
void resubmit(core::Tx& tx, const Org& o);
void set_status(core::Tx& tx, const std::string& org_id, const std::string& status, const std::string& reason,
                const std::string& reviewed_by, std::int64_t now_ms);
// An operator's 2FA requirement for every member; an empty `operator_id` lifts it.
void set_imposed_2fa(core::Tx& tx, const std::string& org_id, const std::string& operator_id,
                     std::int64_t now_ms);
void set_attachment(core::Tx& tx, const std::string& org_id, const Attachment& a, std::int64_t now_ms);

struct OrgFilter {
  std::optional<std::string> status;  // exact status
  std::string query;                  // substring of name, licence number or contact email
};
// Newest first, at most page.limit + 1 rows (see core/page.hpp).
core::Page<Org> list(core::Conn& c, const OrgFilter& filter, const core::PageRequest& page);

// Per-organisation quota limits by key (only those an operator set).
std::map<std::string, std::int64_t, std::less<>> quota_overrides(core::Conn& c, const std::string& org_id);
// Replaces them: keys with a value are stored, the others fall back to the platform default.
void set_quota_overrides(core::Tx& tx, const std::string& org_id,
                         const std::map<std::string, std::optional<std::int64_t>, std::less<>>& values,
                         std::int64_t now_ms);

}  // namespace cove::accounts::org_repo

namespace cove::accounts {
using org_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::accounts
