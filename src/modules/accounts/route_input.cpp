#include "modules/accounts/route_input.hpp"

#include <algorithm>

namespace cove::accounts {

void expect_no_fields(const http::Request& req) {
  if (req.body.empty()) return;
  core::JsonInput::parse(req.body).finish();
}

std::string read_only_field(const http::Request& req, const char* name, core::StringRule rule) {
  auto in = core::JsonInput::parse(req.body);
  auto value = in.required_string(name, rule);
  in.finish();
  return value;
}

std::optional<std::string> query_choice(const http::Request& req, const char* name,
                                        std::span<const std::string_view> allowed, const char* message,
                                        core::FieldErrors& errors) {
  auto value = req.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) errors.add(name, "invalid", message);
  return value;
}

std::optional<std::string> query_choice(const http::Request& req, const char* name,
                                        std::span<const std::string_view> allowed, const char* message) {
  core::FieldErrors errors;
  auto value = query_choice(req, name, allowed, message, errors);
  errors.throw_if_any();
  return value;
}

}  // namespace cove::accounts
