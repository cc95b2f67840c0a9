#include "modules/apps/apps_routes.hpp"

#include <fmt/format.h>

namespace cove::apps {

core::JsonInput parse_optional_body(const http::Request& req) {
  return core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

std::string read_file_name(const http::Request& req) {
  const auto name = req.query_param("filename");
  if (!name) return {};
  static constexpr core::StringRule kRule{.min_chars = 1, .max_chars = 200};
  if (const auto code = core::check_string(*name, kRule); !code.empty()) {
    core::FieldErrors errors;
    errors.add("filename", code, "Use a file name of 1 to 200 printable characters");
    errors.throw_if_any();
  }
  return *name;
}

std::optional<std::string> read_query_filter(const http::Request& req, const char* name,
                                             std::size_t max_chars) {
  auto value = req.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  if (const auto code = core::check_string(*value, {.min_chars = 1, .max_chars = max_chars}); !code.empty()) {
    core::FieldErrors errors;
    errors.add(name, code, fmt::format("Use at most {} printable characters", max_chars));
    errors.throw_if_any();
  }
  return value;
}

}  // namespace cove::apps
