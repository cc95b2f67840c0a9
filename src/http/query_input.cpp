#include "http/query_input.hpp"

#include <charconv>

#include <fmt/format.h>

#include "core/clock.hpp"

namespace cove::http {

std::optional<std::string> QueryInput::raw(const char* name) const {
  auto value = req_.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

void QueryInput::add_error(const std::string& field, std::string code, std::string message) {
  errors_.add(field, std::move(code), std::move(message));
}

std::optional<std::string> QueryInput::optional_string(const char* name, core::StringRule rule) {
  auto value = raw(name);
  if (!value) return std::nullopt;
  if (const auto code = core::check_string(*value, rule); !code.empty()) {
    errors_.add(name, code, fmt::format("Use {} to {} printable characters", rule.min_chars, rule.max_chars));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> QueryInput::optional_int(const char* name, std::int64_t min, std::int64_t max) {
  const auto value = raw(name);
  if (!value) return std::nullopt;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || end != value->data() + value->size() || n < min || n > max) {
    errors_.add(name, "out_of_range", fmt::format("Must be an integer between {} and {}", min, max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> QueryInput::optional_bool(const char* name) {
  const auto value = raw(name);
  if (!value) return std::nullopt;
  if (*value == "true" || *value == "1") return true;
  if (*value == "false" || *value == "0") return false;
  errors_.add(name, "invalid_type", "Use true or false");
  return std::nullopt;
}

std::optional<std::string> QueryInput::one_of(const char* name, std::initializer_list<std::string_view> allowed) {
  auto value = raw(name);
  if (!value) return std::nullopt;
  for (const auto a : allowed) {
    if (*value == a) return value;
  }
  std::string list;
  for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  errors_.add(name, "unknown_value", "Use one of: " + list);
  return std::nullopt;
}

core::PageRequest QueryInput::page() {
  core::PageRequest page;
  if (const auto limit = optional_int("limit", 1, core::kMaxPageLimit)) page.limit = static_cast<int>(*limit);
  if (const auto cursor = raw("cursor")) {
    page.after = core::decode_cursor(*cursor);
    if (!page.after) errors_.add("cursor", "invalid", "Not a cursor this list returned");
  }
  if (const auto offset = optional_int("offset", 0, core::kMaxPageOffset)) {
    if (page.after)
      errors_.add("offset", "conflict", "Give either a cursor or an offset, not both");
    else
      page.offset = *offset;
  }
  page.from_ms = optional_time("from");
  page.to_ms = optional_time("to");
  if (page.from_ms && page.to_ms && *page.to_ms <= *page.from_ms) {
    errors_.add("to", "before_from", "The end of the range must be after its start");
  }
  return page;
}

std::optional<std::int64_t> QueryInput::optional_time(const char* name) {
  const auto value = raw(name);
  if (!value) return std::nullopt;
  core::TimePoint t;
  if (value->size() > 40 || !core::parse_rfc3339(*value, t)) {
    errors_.add(name, "invalid_time", "Use an RFC 3339 time such as 2026-12-01T00:00:00+08:00");
    return std::nullopt;
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

core::PageRequest read_page_request(const Request& req) {
  QueryInput q(req);
  const auto page = q.page();
  q.finish();
  return page;
}

std::string read_file_name(const Request& req) {
  QueryInput q(req);
  auto name = q.optional_string("filename", {.min_chars = 1, .max_chars = 200});
  q.finish();
  return name.value_or("");
}

}  // namespace cove::http
