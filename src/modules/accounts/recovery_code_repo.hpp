#pragma once
// SQL for two-factor recovery codes (stored as SHA-256 of the normalised code). No rules here.
#include <cstdint>
#include <string>
#include <vector>

#include "core/db.hpp"

namespace cove::accounts::recovery_code_repo {

// Replaces all of the user's codes with `code_hashes`.
void replace(core::Tx& tx, const std::string& user_id, const std::vector<std::string>& code_hashes);
// Marks an unused code used; false when there is no such unused code.
bool use(core::Tx& tx, const std::string& user_id, const std::string& code_hash, std::int64_t now_ms);
void delete_all(core::Tx& tx, const std::string& user_id);

}  // namespace cove::accounts::recovery_code_repo
