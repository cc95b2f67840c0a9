#include "modules/accounts/org_model.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"

namespace cove::accounts {

namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool valid_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

std::optional<std::string> read_checked(core::JsonInput& in, const char* name, bool required,
                                        core::StringRule rule, bool (*valid)(std::string_view),
                                        const char* message) {
  auto value =
      required ? std::optional<std::string>(in.required_string(name, rule)) : in.optional_string(name, rule);
  if (!value || value->empty()) return std::nullopt;  // absent or already reported
  if (!valid(*value)) {
    in.add_error(in.field_name(name), "invalid_format", message);
    return std::nullopt;
  }
  return value;
}

}  // namespace

void write_json(core::JsonWriter& w, const Org& o) {
  const auto time_or_null = [&w](std::int64_t ms) {
    if (ms > 0)
      w.string(core::format_rfc3339_millis(ms));
    else
      w.null();
  };
  // Keys in sorted order, as nlohmann writes its objects (core/json_writer.hpp).
  w.begin_object();
  w.key("contactEmail").string(o.contact_email);
  w.key("contactName").string(o.contact_name);
  w.key("contactPhone").string(o.contact_phone);
  w.key("createdAt").string(core::format_rfc3339_millis(o.created_ms));
  w.key("id").string(o.id);
  w.key("licenseAttachment");
  if (o.attachment) {
    w.begin_object()
        .key("contentType")
        .string(o.attachment->content_type)
        .key("name")
        .string(o.attachment->name)
        .key("sha256")
        .string(o.attachment->sha256)
        .end_object();
  } else {
    w.null();
  }
  w.key("licenseNo").string(o.license_no);
  w.key("name").string(o.name);
  w.key("require2fa").boolean(o.require_2fa || !o.require_2fa_imposed_by.empty());
  w.key("require2faImposedAt");
  time_or_null(o.require_2fa_imposed_by.empty() ? 0 : o.require_2fa_imposed_ms);
  w.key("reviewedAt");
  time_or_null(o.reviewed_ms);
  w.key("status").string(o.status);
  w.key("statusReason");
  if (o.status_reason.empty())
    w.null();
  else
    w.string(o.status_reason);
  w.key("updatedAt").string(core::format_rfc3339_millis(o.updated_ms));
  w.end_object();
}

nlohmann::json to_json(const Org& o) {
  std::string text;
  core::JsonWriter w(text);
  write_json(w, o);
  return nlohmann::json::parse(text);
}

nlohmann::json to_json(const QuotaOverrides& q) {
  const auto value = [](const std::optional<std::int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"maxApps", value(q.max_apps)},
          {"maxHostApps", value(q.max_host_apps)},
          {"maxMembers", value(q.max_members)},
          {"maxGrayPlans", value(q.max_gray_plans)},
          {"maxPackageBytes", value(q.max_package_bytes)}};
}

nlohmann::json to_json(const OrgDetails& d) {
  auto j = to_json(d.org);
  j["quotas"] = to_json(d.quotas);
  j["usage"] = {{"members", d.members}};
  return j;
}

bool valid_email(std::string_view email) {
  if (email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != std::string_view::npos) {
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

std::optional<std::string> read_email(core::JsonInput& in, const char* name, bool required) {
  auto email = read_checked(in, name, required, {.min_chars = 3, .max_chars = 254}, valid_email,
                            "Enter an email address like name@example.com");
  if (email)
    std::transform(email->begin(), email->end(), email->begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return email;
}

std::optional<std::string> read_phone(core::JsonInput& in, const char* name, bool required) {
  return read_checked(
      in, name, required, {.min_chars = 5, .max_chars = 32}, valid_phone,
      "Enter a phone number of 5 to 20 digits, optionally with +, spaces, dashes or brackets");
}

std::optional<std::string> read_license_no(core::JsonInput& in, const char* name) {
  return read_checked(in, name, true, {.min_chars = 1, .max_chars = 64}, valid_license_no,
                      "Use 1 to 64 letters, digits or dashes");
}

}  // namespace cove::accounts
