#pragma once
// SQL for authorizations, grants (token families), authorization codes and refresh tokens. Codes
// and refresh tokens are looked up by the SHA-256 hex of their value.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/oauth/grant_model.hpp"

namespace cove::oauth::grant_repo {

void read_row(core::Row& r, Authorization& a);
void read_row(core::Row& r, Grant& g);
void read_row(core::Row& r, CodeRecord& c);
void read_row(core::Row& r, RefreshRecord& t);

// The authorization of (host app, uid, app), created or renewed with `scopes`; returns its id.
std::string upsert_authorization(core::Tx& tx, const Authorization& a);
void touch_authorization(core::Tx& tx, const std::string& id, std::int64_t now_ms);
std::vector<Authorization> list_authorizations(core::Conn& c, const std::string& host_app_id, const std::string& uid);
// Revokes the live authorizations of this user of this host app (one mini-program's, or all when
// `app_id` is empty) and every grant under them; returns how many authorizations.
int revoke_authorizations(core::Tx& tx, const std::string& host_app_id, const std::string& uid,
                          const std::string& app_id, std::int64_t now_ms);

void insert_grant(core::Tx& tx, const Grant& g, std::int64_t now_ms);
std::optional<Grant> find_grant(core::Conn& c, const std::string& id);
void revoke_grant(core::Tx& tx, const std::string& id, const std::string& reason, std::int64_t now_ms);

void insert_code(core::Tx& tx, const std::string& code_hash, const CodeRecord& code);
std::optional<CodeRecord> find_code(core::Conn& c, const std::string& code_hash);
// Marks the code used; false when it already was (a concurrent or repeated exchange).
bool use_code(core::Tx& tx, const std::string& code_hash, std::int64_t now_ms);

void insert_refresh(core::Tx& tx, const std::string& token_hash, const std::string& grant_id, std::int64_t now_ms,
                    std::int64_t expires_ms);
std::optional<RefreshRecord> find_refresh(core::Conn& c, const std::string& token_hash);
bool use_refresh(core::Tx& tx, const std::string& token_hash, std::int64_t now_ms);

// Removes codes and refresh tokens past their expiry, and grants left without either long after.
void prune(core::Tx& tx, std::int64_t now_ms);

}  // namespace cove::oauth::grant_repo

namespace cove::oauth {
using grant_repo::read_row;
}  // namespace cove::oauth
