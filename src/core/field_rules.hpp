#pragma once
// Shape rules for fields every module reads (e-mail, phone, URL, licence number), applied through
// core::JsonInput so a bad value is a field error at its exact path with code `invalid_format`.
#include <optional>
#include <string>
#include <string_view>

#include "core/json_input.hpp"

namespace cove::core {

bool valid_email(std::string_view email);            // local@domain.tld, ≤ 254 bytes, no spaces
bool valid_phone(std::string_view phone);            // digits with + ( ) - . and spaces, 5–20 digits
bool valid_license_no(std::string_view license_no);  // 1–64 of [A-Za-z0-9-]
bool valid_http_url(std::string_view url);           // http(s)://…, no spaces, quotes or angle brackets

// Reads a required (or, with `required` false, optional) field and checks its shape; problems
// are recorded as field errors on `in`. E-mail addresses come back lower-cased.
std::optional<std::string> read_email(JsonInput& in, const char* name, bool required);
std::optional<std::string> read_phone(JsonInput& in, const char* name, bool required);
std::optional<std::string> read_license_no(JsonInput& in, const char* name, bool required = true);
// A string field checked by `valid`; `message` explains the expected shape.
std::optional<std::string> read_checked(JsonInput& in, const char* name, bool required, StringRule rule,
                                        bool (*valid)(std::string_view), const char* message);

}  // namespace cove::core
