#pragma once
// SQL for users and their password history. No business rules here.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/accounts/user_model.hpp"

namespace cove::accounts::user_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, User& u);

std::optional<User> find_by_id(core::Conn& c, const std::string& id);
std::optional<User> find_by_email(core::Conn& c, const std::string& email);
void insert(core::Tx& tx, const User& u);  // also records the password in the history
// Sets a new password hash (recording it in the history) and the must-change flag.
void set_password(core::Tx& tx, const std::string& user_id, const std::string& hash, bool must_change, std::int64_t now_ms);
// The most recent `limit` password hashes, newest first.
std::vector<std::string> recent_password_hashes(core::Conn& c, const std::string& user_id, int limit);
void set_name(core::Tx& tx, const std::string& user_id, const std::string& name, std::int64_t now_ms);
void set_status(core::Tx& tx, const std::string& user_id, const std::string& status, std::int64_t now_ms);
void set_platform_role(core::Tx& tx, const std::string& user_id, const std::string& role, std::int64_t now_ms);
void record_login_failure(core::Tx& tx, const std::string& user_id, int failures, std::int64_t locked_until_ms);
void record_login_success(core::Tx& tx, const std::string& user_id);
void set_totp(core::Tx& tx, const std::string& user_id, const std::optional<std::string>& secret,
              const std::optional<std::string>& pending, std::int64_t last_step, std::int64_t now_ms);
std::int64_t count_platform_admins(core::Conn& c);

// Stores a new hash of the same password (a cost upgrade at sign-in): neither the history nor
// the password's age changes.
void replace_password_hash(core::Tx& tx, const std::string& user_id, const std::string& hash);

// The organisations a user belongs to, by name.
struct Membership {
  std::string org_id;
  std::string org_name;
  std::string org_status;
  std::string role;
};
std::vector<Membership> memberships(core::Conn& c, const std::string& user_id);
void read_row(core::Row& r, Membership& m);

// Platform operators (platform_role set), oldest first, optionally filtered; at most
// page.limit + 1 rows (keyset on created_ms, id).
core::Page<User> list_operators(core::Conn& c, const std::optional<std::string>& role,
                                 const std::optional<std::string>& status, const core::PageRequest& page);

}  // namespace cove::accounts::user_repo

namespace cove::accounts {
using user_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::accounts
