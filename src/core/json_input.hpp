#pragma once
// Strict reading of JSON request bodies. Every getter records a field error instead of throwing,
// so a client learns about all bad fields at once; finish() reports unknown fields (a typo in a CI
// script is a 400, not silently ignored) and throws `validation_failed` if anything was wrong.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace cove::core {

struct StringRule {
  std::size_t min_chars = 1;     // Unicode code points
  std::size_t max_chars = 200;   // every string has a limit
  bool multiline = false;        // single-line strings reject control characters
};

// Request bodies nest no deeper than this (objects and arrays together).
inline constexpr std::size_t kMaxJsonDepth = 64;

class JsonInput {
 public:
  // Throws 400 `invalid_json` when `body` is not a JSON object or nests deeper than
  // kMaxJsonDepth, and 400 `validation_failed` (field code `duplicate_key` at the key's path)
  // when an object repeats a key.
  static JsonInput parse(std::string_view body);

  // `errors` may be shared with a parent reader (nested objects); `prefix` is "owner." etc.
  JsonInput(const nlohmann::json& object, FieldErrors& errors, std::string prefix = "");
  JsonInput(const JsonInput&) = delete;
  JsonInput(JsonInput&&) noexcept;

  bool has(const char* name) const;
  // Whether the field is in the body at all, null included (an edit's null clears a value).
  bool present(const char* name) const;
  std::string required_string(const char* name, StringRule rule = {});
  std::optional<std::string> optional_string(const char* name, StringRule rule = {});
  std::int64_t required_int(const char* name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(const char* name, std::int64_t min, std::int64_t max);
  std::optional<bool> optional_bool(const char* name);
  // Marks the field known and returns it untouched (nullptr when absent) for custom validation.
  const nlohmann::json* take(const char* name);
  // A nested object reader sharing this reader's errors; nullopt (with an error) if not an object.
  std::optional<JsonInput> object(const char* name, bool required);

  void add_error(const std::string& field, std::string code, std::string message);
  FieldErrors& errors() { return *errors_; }
  std::string field_name(const char* name) const { return prefix_ + name; }

  // Records `unknown_field` for every key never asked for, then throws if any error was recorded.
  void finish();
  // Only the unknown-field check, for nested readers (the root's finish() throws).
  void check_unknown();

 private:
  std::optional<nlohmann::json> owned_;  // set by parse(): the document the reader refers to
  const nlohmann::json* object_;
  FieldErrors own_errors_;
  FieldErrors* errors_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
};

// Validates a string against a rule; returns the error code ("required", "too_short", "too_long",
// "invalid_characters") or empty when fine. Exposed for query parameters and path segments.
std::string check_string(std::string_view value, const StringRule& rule);
std::size_t utf8_length(std::string_view s);

}  // namespace cove::core
