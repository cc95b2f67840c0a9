#include "core/field_rules.hpp"

#include <algorithm>
#include <cctype>

namespace cove::core {

namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool valid_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

}  // namespace

bool valid_email(std::string_view email) {
  if (email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const auto local = email.substr(0, at);
  static constexpr std::string_view kLocalSymbols = ".!#$%&'*+/=?^_`{|}~-";
  if (!std::all_of(local.begin(), local.end(),
                   [](char c) { return is_alnum(c) || kLocalSymbols.find(c) != std::string_view::npos; })) {
    return false;
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  auto domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos) return false;  // "user@localhost" is a typo here
  while (!domain.empty()) {
    const auto dot = domain.find('.');
    if (!valid_domain_label(domain.substr(0, dot))) return false;
    if (dot == std::string_view::npos) break;
    domain.remove_prefix(dot + 1);
    if (domain.empty()) return false;  // trailing dot
  }
  return true;
}

bool valid_phone(std::string_view phone) {
  int digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '+' && i == 0)
      continue;
    else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.')
      return false;
  }
  return digits >= 5 && digits <= 20;
}

bool valid_license_no(std::string_view license_no) {
  return !license_no.empty() && license_no.size() <= 64 &&
         std::all_of(license_no.begin(), license_no.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

bool valid_http_url(std::string_view s) {
  const bool scheme = s.starts_with("https://") || s.starts_with("http://");
  return scheme && s.find_first_of(" \t\r\n\"<>") == std::string_view::npos && s.size() > 8;
}

std::optional<std::string> read_checked(JsonInput& in, const char* name, bool required, StringRule rule,
                                        bool (*valid)(std::string_view), const char* message) {
  auto value = required ? std::optional<std::string>(in.required_string(name, rule)) : in.optional_string(name, rule);
  if (!value || value->empty()) return std::nullopt;  // absent or already reported
  if (!valid(*value)) {
    in.add_error(in.field_name(name), "invalid_format", message);
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> read_email(JsonInput& in, const char* name, bool required) {
  auto email = read_checked(in, name, required, {.min_chars = 3, .max_chars = 254}, valid_email,
                            "Enter an email address like name@example.com");
  if (email) {
    std::transform(email->begin(), email->end(), email->begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return email;
}

std::optional<std::string> read_phone(JsonInput& in, const char* name, bool required) {
  return read_checked(in, name, required, {.min_chars = 5, .max_chars = 32}, valid_phone,
                      "Enter a phone number of 5 to 20 digits, optionally with +, spaces, dashes or brackets");
}

std::optional<std::string> read_license_no(JsonInput& in, const char* name, bool required) {
  return read_checked(in, name, required, {.min_chars = 1, .max_chars = 64}, valid_license_no,
                      "Use 1 to 64 letters, digits or dashes");
}

}  // namespace cove::core
