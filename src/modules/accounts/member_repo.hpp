#pragma once
// SQL for organisation memberships. Every function takes the organisation as an explicit scope,
// so no query can reach another tenant's members.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/accounts/member_model.hpp"

namespace cove::accounts::member_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Member& m);

std::optional<Member> find(core::Conn& c, const std::string& org_id, const std::string& user_id);
std::optional<std::string> role_of(core::Conn& c, const std::string& org_id, const std::string& user_id);
// Oldest member first, at most page.limit + 1 rows; `role` filters when set.
core::Page<Member> list(core::Conn& c, const std::string& org_id, const std::optional<std::string>& role,
                         const core::PageRequest& page);
std::int64_t count(core::Conn& c, const std::string& org_id);
std::int64_t count_owners(core::Conn& c, const std::string& org_id);
// Organisations other than `org_id` the user belongs to.
std::int64_t count_other_orgs(core::Conn& c, const std::string& org_id, const std::string& user_id);
void insert(core::Tx& tx, const std::string& org_id, const std::string& user_id, const std::string& role,
            std::int64_t now_ms);
void set_role(core::Tx& tx, const std::string& org_id, const std::string& user_id, const std::string& role);
void remove(core::Tx& tx, const std::string& org_id, const std::string& user_id);

}  // namespace cove::accounts::member_repo

namespace cove::accounts {
using member_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::accounts
