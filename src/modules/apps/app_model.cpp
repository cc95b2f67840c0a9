#include "modules/apps/app_model.hpp"
#include "core/field_rules.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "modules/accounts/accounts_api.hpp"

namespace cove::apps {

namespace {

constexpr core::StringRule kNameRule{.min_chars = 1, .max_chars = 60};
constexpr core::StringRule kSummaryRule{.min_chars = 0, .max_chars = 120};
constexpr core::StringRule kDescriptionRule{.min_chars = 0, .max_chars = 5000, .multiline = true};
constexpr core::StringRule kCategoryRule{.min_chars = 0, .max_chars = 50};
constexpr core::StringRule kRatingRule{.min_chars = 0, .max_chars = 200};
constexpr core::StringRule kUrlRule{.min_chars = 0, .max_chars = 500};
constexpr core::StringRule kTagRule{.min_chars = 1, .max_chars = 20};
constexpr core::StringRule kPurposeRule{.min_chars = 1, .max_chars = 200};
constexpr core::StringRule kChainRule{.min_chars = 1, .max_chars = 32};
constexpr core::StringRule kAddressRule{.min_chars = 1, .max_chars = 128};
constexpr core::StringRule kContractNameRule{.min_chars = 0, .max_chars = 100};
constexpr std::size_t kMaxTags = 10;
constexpr std::size_t kMaxPrivacyItems = 20;
constexpr std::size_t kMaxContracts = 20;

// The user data a mini-program may declare it collects (隐私配置), as the SDK names them when it
// asks the user for authorisation.
constexpr std::array<std::string_view, 14> kPrivacyDataTypes = {
    "userInfo",  "phoneNumber", "location", "address",  "camera",     "microphone", "album",
    "clipboard", "bluetooth",   "contacts", "calendar", "deviceInfo", "wallet",     "idCard"};

bool is_http_url(std::string_view s) {
  const bool scheme = s.starts_with("https://") || s.starts_with("http://");
  return scheme && s.find_first_of(" \t\r\n\"<>") == std::string_view::npos && s.size() > 8;
}

// Printable ASCII without spaces: chain names are lowercase slugs, addresses are encodings.
bool is_token(std::string_view s, bool lowercase_slug) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    if (lowercase_slug) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    return c > ' ' && c < 0x7f;
  });
}

const nlohmann::json* array_field(core::JsonInput& in, const char* name, std::size_t max_items) {
  const auto* value = in.take(name);
  if (!value) return nullptr;
  if (!value->is_array()) {
    in.add_error(in.field_name(name), "invalid_type", "Must be an array");
    return nullptr;
  }
  if (value->size() > max_items) {
    in.add_error(in.field_name(name), "too_many", fmt::format("At most {} items", max_items));
    return nullptr;
  }
  return value;
}

std::optional<nlohmann::json> read_tags(core::JsonInput& in) {
  const auto* tags = array_field(in, "tags", kMaxTags);
  if (!tags) return std::nullopt;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < tags->size(); ++i) {
    const auto& t = (*tags)[i];
    const auto field = fmt::format("tags[{}]", i);
    if (!t.is_string() || !core::check_string(t.get_ref<const std::string&>(), kTagRule).empty()) {
      in.add_error(field, "invalid", "Each tag is a string of 1 to 20 characters");
      return std::nullopt;
    }
    if (!seen.insert(t.get<std::string>()).second) {
      in.add_error(field, "duplicate", "Tags must be unique");
      return std::nullopt;
    }
  }
  return *tags;
}

std::optional<nlohmann::json> read_developer(core::JsonInput& in) {
  auto dev = in.object("developer", false);
  if (!dev) return std::nullopt;
  nlohmann::json out = nlohmann::json::object();
  if (auto name = dev->optional_string("name", {.min_chars = 0, .max_chars = 100})) out["name"] = *name;
  if (auto email = core::read_email(*dev, "email", false)) out["email"] = *email;
  if (auto phone = core::read_phone(*dev, "phone", false)) out["phone"] = *phone;
  dev->check_unknown();
  return out;
}

std::optional<nlohmann::json> read_privacy(core::JsonInput& in) {
  auto privacy = in.object("privacy", false);
  if (!privacy) return std::nullopt;
  nlohmann::json out = {{"items", nlohmann::json::array()}};
  if (auto url = privacy->optional_string("policyUrl", kUrlRule); url && !url->empty()) {
    if (is_http_url(*url)) {
      out["policyUrl"] = *url;
    } else {
      in.add_error("privacy.policyUrl", "invalid_format", "Use an http(s) URL");
    }
  }
  if (const auto* items = array_field(*privacy, "items", kMaxPrivacyItems)) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto prefix = fmt::format("privacy.items[{}].", i);
      if (!(*items)[i].is_object()) {
        in.add_error(fmt::format("privacy.items[{}]", i), "invalid_type", "Must be an object");
        continue;
      }
      core::JsonInput item((*items)[i], in.errors(), prefix);
      const auto type = item.required_string("dataType", {.min_chars = 1, .max_chars = 32});
      const auto purpose = item.required_string("purpose", kPurposeRule);
      item.check_unknown();
      if (type.empty()) continue;
      if (std::find(kPrivacyDataTypes.begin(), kPrivacyDataTypes.end(), type) == kPrivacyDataTypes.end()) {
        in.add_error(prefix + "dataType", "unknown_value", "Not a known kind of user data");
      } else if (!seen.insert(type).second) {
        in.add_error(prefix + "dataType", "duplicate", "Declare each kind of user data once");
      } else if (!purpose.empty()) {
        out["items"].push_back({{"dataType", type}, {"purpose", purpose}});
      }
    }
  }
  privacy->check_unknown();
  return out;
}

std::optional<nlohmann::json> read_contracts(core::JsonInput& in) {
  const auto* contracts = array_field(in, "contracts", kMaxContracts);
  if (!contracts) return std::nullopt;
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < contracts->size(); ++i) {
    const auto prefix = fmt::format("contracts[{}].", i);
    if (!(*contracts)[i].is_object()) {
      in.add_error(fmt::format("contracts[{}]", i), "invalid_type", "Must be an object");
      continue;
    }
    core::JsonInput c((*contracts)[i], in.errors(), prefix);
    const auto chain = c.required_string("chain", kChainRule);
    const auto address = c.required_string("address", kAddressRule);
    const auto name = c.optional_string("name", kContractNameRule).value_or("");
    c.check_unknown();
    if (!chain.empty() && !is_token(chain, true)) {
      in.add_error(prefix + "chain", "invalid_format", "Use a lowercase chain name such as ethereum");
    } else if (!address.empty() && !is_token(address, false)) {
      in.add_error(prefix + "address", "invalid_format", "An address has no spaces or control characters");
    } else if (!chain.empty() && !address.empty()) {
      out.push_back({{"chain", chain}, {"address", address}, {"name", name}});
    }
  }
  return out;
}

nlohmann::json file_json(const std::optional<StoredFile>& f) {
  if (!f) return nullptr;
  return {{"sha256", f->sha256}, {"name", f->name}, {"contentType", f->content_type}};
}

nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

AppFields read_app_fields(core::JsonInput& in, bool creating) {
  AppFields f;
  f.name = creating ? std::optional<std::string>(in.required_string("name", kNameRule))
                    : in.optional_string("name", kNameRule);
  f.summary = in.optional_string("summary", kSummaryRule);
  f.description = in.optional_string("description", kDescriptionRule);
  f.category = in.optional_string("category", kCategoryRule);
  f.tags = read_tags(in);
  f.developer = read_developer(in);
  f.privacy = read_privacy(in);
  f.repository_url = in.optional_string("repositoryUrl", kUrlRule);
  if (f.repository_url && !f.repository_url->empty() && !is_http_url(*f.repository_url)) {
    in.add_error("repositoryUrl", "invalid_format", "Use an http(s) URL");
  }
  f.security_rating = in.optional_string("securityRating", kRatingRule);
  f.contracts = read_contracts(in);
  return f;
}

nlohmann::json to_json(const App& a) {
  return {{"appId", a.id},
          {"orgId", a.org_id},
          {"name", a.name},
          {"summary", a.summary},
          {"description", a.description},
          {"category", a.category},
          {"tags", a.tags},
          {"developer", a.developer},
          {"privacy", a.privacy},
          {"repositoryUrl", a.repository_url},
          {"securityRating", a.security_rating},
          {"contracts", a.contracts},
          {"icon", file_json(a.icon)},
          {"auditCertificate", file_json(a.certificate)},
          {"status", a.status},
          {"offlineBy", text_or_null(a.offline_by)},
          {"offlineReason", text_or_null(a.offline_reason)},
          {"releasedVersion", text_or_null(a.released_version)},
          {"createdBy", a.created_by},
          {"createdAt", core::format_rfc3339_millis(a.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(a.updated_ms)}};
}

nlohmann::json summary_of(const App& a) {
  return {{"name", a.name},
          {"summary", a.summary},
          {"description", a.description},
          {"category", a.category},
          {"tags", a.tags},
          {"developer", a.developer},
          {"privacy", a.privacy},
          {"repositoryUrl", a.repository_url},
          {"securityRating", a.security_rating},
          {"contracts", a.contracts}};
}

}  // namespace cove::apps
