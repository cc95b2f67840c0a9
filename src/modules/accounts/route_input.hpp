#pragma once
// Request reading shared by the accounts routes.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "http/types.hpp"

namespace cove::accounts {

// Routes that take no fields still refuse a body with unknown ones, like every other route; an
// empty body is fine.
void expect_no_fields(const http::Request& req);

// A body of one required string field, `name` (a reason, a code).
std::string read_only_field(const http::Request& req, const char* name, core::StringRule rule);

// The filter ?`name`=: one of `allowed`, or nullopt when absent or empty ("any"). Another value
// adds the field error `invalid` with `message` to `errors`.
std::optional<std::string> query_choice(const http::Request& req, const char* name,
                                        std::span<const std::string_view> allowed, const char* message,
                                        core::FieldErrors& errors);
// The same, throwing 400 `validation_failed` for another value.
std::optional<std::string> query_choice(const http::Request& req, const char* name,
                                        std::span<const std::string_view> allowed, const char* message);

}  // namespace cove::accounts
