#pragma once
// SQL for the platform settings documents (`settings`: one JSON document per key). No rules here.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/db.hpp"

namespace cove::accounts::settings_repo {

// The stored document `key`: an empty object when none is stored; a discarded value (which
// reads as "not an object") when the stored text does not parse.
nlohmann::json load(core::Conn& c, const std::string& key);
// Inserts or replaces the document `key`.
void store(core::Tx& tx, const std::string& key, const nlohmann::json& value, std::int64_t now_ms,
           const std::string& updated_by);
// Whether a branding image is the blob `sha256` (its hash sits in the branding document).
bool branding_references(core::Conn& c, const std::string& sha256);

}  // namespace cove::accounts::settings_repo
