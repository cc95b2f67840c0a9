#pragma once
// SQL for API keys. Every function takes the owning organisation, so a key id from another
// tenant simply is not found. No business rules here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/accounts/api_key_model.hpp"

namespace cove::accounts::api_key_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, ApiKey& k);

void insert(core::Tx& tx, const ApiKey& key, const std::string& secret_hash);
std::optional<ApiKey> find(core::Conn& c, const std::string& org_id, const std::string& key_id);
// Up to query.page.limit + 1 keys, newest first (the extra one tells that another page exists).
core::Page<ApiKey> list(core::Conn& c, const std::string& org_id, const ApiKeyListQuery& query,
                         std::int64_t now_ms);
std::int64_t count_active(core::Conn& c, const std::string& org_id, std::int64_t now_ms);
// The key was just used from `ip`.
void record_use(core::Tx& tx, const std::string& key_id, std::int64_t now_ms, const std::string& ip);
void revoke(core::Tx& tx, const std::string& org_id, const std::string& key_id, std::int64_t now_ms);
// Installs a new secret. With `previous_until_ms` the current secret stays valid until then
// (replacing any earlier grace secret); without it the current secret stops working at once.
void rotate(core::Tx& tx, const std::string& org_id, const std::string& key_id, const std::string& new_hash,
            const std::string& new_prefix, std::optional<std::int64_t> previous_until_ms);

}  // namespace cove::accounts::api_key_repo

namespace cove::accounts {
using api_key_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::accounts
