#pragma once
// Strict reading of query-string parameters, with the same field errors as core::JsonInput (a
// bad value is a 400 `validation_failed` naming the parameter; every problem reported at once):
//
//   http::QueryInput q(req);
//   auto status = q.one_of("status", {"draft", "running"});
//   auto name = q.optional_string("q", {.min_chars = 0, .max_chars = 100});
//   auto page = q.page();
//   q.finish();
//
// Parameters nobody asks for are ignored (browsers and proxies add their own, e.g. cache busters).
// An empty value counts as absent for filters ("?status=" is "any status").
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "core/page.hpp"
#include "http/types.hpp"

namespace cove::http {

class QueryInput {
 public:
  explicit QueryInput(const Request& req) : req_(req) {}

  std::optional<std::string> optional_string(const char* name, core::StringRule rule = {});
  std::optional<std::int64_t> optional_int(const char* name, std::int64_t min, std::int64_t max);
  std::optional<bool> optional_bool(const char* name);  // true/false/1/0
  // One of `allowed`, or a field error `unknown_value` listing them.
  std::optional<std::string> one_of(const char* name, std::initializer_list<std::string_view> allowed);
  // ?limit= (1–200, default 50) and either ?cursor= (a cursor this list returned) or ?offset=
  // (0–1,000,000); ?from= and ?to= (RFC 3339) narrow the list to a time range.
  core::PageRequest page();
  // An RFC 3339 time as Unix milliseconds, or a field error `invalid_time`.
  std::optional<std::int64_t> optional_time(const char* name);

  void add_error(const std::string& field, std::string code, std::string message);
  // Throws 400 validation_failed when any parameter was bad.
  void finish() const { errors_.throw_if_any(); }

 private:
  std::optional<std::string> raw(const char* name) const;

  const Request& req_;
  core::FieldErrors errors_;
};

// Reads ?limit=, ?cursor=, ?offset=, ?from= and ?to= alone; throws 400 `validation_failed` naming the bad parameter.
core::PageRequest read_page_request(const Request& req);

// `?filename=` naming an uploaded file whose body is the raw bytes (1–200 printable characters);
// "" when absent. Throws 400 `validation_failed` naming `filename`.
std::string read_file_name(const Request& req);

}  // namespace cove::http
