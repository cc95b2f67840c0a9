#pragma once
// Request fields announcements and articles share: RFC 3339 times that may be null, and short
// string lists (organisation ids, host app ids, tags).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json_input.hpp"

namespace cove::notify {

// nullopt: absent; a nullopt inside: null (cleared); else the time in Unix milliseconds. A
// malformed time is a field error `invalid_time`.
std::optional<std::optional<std::int64_t>> read_time(core::JsonInput& in, const char* name);

// An array of at most `max_items` strings, each following `rule`; nullopt when absent. Field
// errors at name[i] for an item, at name for the array.
std::optional<std::vector<std::string>> read_string_list(core::JsonInput& in, const char* name,
                                                         std::size_t max_items, core::StringRule rule);

}  // namespace cove::notify
