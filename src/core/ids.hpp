#pragma once
// Prefixed random identifiers: "<prefix>_" + 22 base62 characters (128 bits of randomness),
// URL-safe and unguessable, so ids leak nothing and cannot be enumerated.
#include <string>
#include <string_view>

namespace cove::core {

std::string new_id(std::string_view prefix);
// True when `id` has the shape new_id(prefix) produces; cheap pre-check before a lookup.
bool looks_like_id(std::string_view id, std::string_view prefix);

}  // namespace cove::core
