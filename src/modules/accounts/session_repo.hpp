#pragma once
// SQL for sign-in sessions and their refresh tokens. No business rules here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/accounts/session_model.hpp"

namespace cove::accounts::session_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Session& s);

struct RefreshToken {
  std::string token_hash;
  std::string session_id;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> rotated_ms;
};
void read_row(core::Row& r, RefreshToken& t);

void insert(core::Tx& tx, const Session& s);
std::optional<Session> find(core::Conn& c, const std::string& session_id);
// Records that the session was just used from `ip` (a refresh).
void touch(core::Tx& tx, const std::string& session_id, std::int64_t now_ms, const std::string& ip);
// False when the session was already revoked (or does not exist).
bool revoke(core::Tx& tx, const std::string& session_id, std::int64_t now_ms, const std::string& reason);
// Revokes every unrevoked session of the user except `keep_session_id` (may be empty); returns
// how many were revoked.
int revoke_all_for_user(core::Tx& tx, const std::string& user_id, std::int64_t now_ms,
                        const std::string& reason, const std::string& keep_session_id = {});
// Active sessions (unrevoked, unexpired), newest first, at most page.limit + 1.
core::Page<Session> list_active(core::Conn& c, const std::string& user_id, std::int64_t now_ms,
                                 const core::PageRequest& page);
// Deletes the user's sessions (and, by cascade, their tokens) that ended before `before_ms`.
void delete_ended(core::Tx& tx, const std::string& user_id, std::int64_t before_ms);

void insert_refresh_token(core::Tx& tx, const std::string& token_hash, const std::string& session_id,
                          std::int64_t now_ms);
std::optional<RefreshToken> find_refresh_token(core::Conn& c, const std::string& token_hash);
// Marks the token exchanged; false when it already was (a concurrent or replayed refresh).
bool mark_rotated(core::Tx& tx, const std::string& token_hash, std::int64_t now_ms);

}  // namespace cove::accounts::session_repo

namespace cove::accounts {
using session_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::accounts
