#include "modules/apps/app_model.hpp"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/field_rules.hpp"
#include "modules/apps/model_json.hpp"

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

// Printable ASCII without spaces: chain names are lowercase slugs, addresses are encodings.
bool is_token(std::string_view s, bool lowercase_slug) {
  return std::all_of(s.begin(), s.end(), [&](char c) {
    if (lowercase_slug) return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    return c > ' ' && c < 0x7f;
  });
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
    if (core::valid_http_url(*url)) {
      out["policyUrl"] = *url;
    } else {
      in.add_error("privacy.policyUrl", "invalid_format", "Use an http(s) URL");
    }
  }
  if (const auto* items = array_field(*privacy, "items", kMaxPrivacyItems)) {
    std::set<std::string> seen;
    each_object(*privacy, "items", *items, [&](core::JsonInput& item, const std::string& field) {
      const auto type = item.required_string("dataType", {.min_chars = 1, .max_chars = 32});
      const auto purpose = item.required_string("purpose", kPurposeRule);
      if (type.empty()) return false;
      if (std::find(kPrivacyDataTypes.begin(), kPrivacyDataTypes.end(), type) == kPrivacyDataTypes.end()) {
        item.add_error(field + ".dataType", "unknown_value", "Not a known kind of user data");
      } else if (!seen.insert(type).second) {
        item.add_error(field + ".dataType", "duplicate", "Declare each kind of user data once");
      } else if (!purpose.empty()) {
        out["items"].push_back({{"dataType", type}, {"purpose", purpose}});
      }
      return true;
    });
  }
  privacy->check_unknown();
  return out;
}

std::optional<nlohmann::json> read_contracts(core::JsonInput& in) {
  const auto* contracts = array_field(in, "contracts", kMaxContracts);
  if (!contracts) return std::nullopt;
  nlohmann::json out = nlohmann::json::array();
  each_object(in, "contracts", *contracts, [&](core::JsonInput& c, const std::string& field) {
    const auto chain = c.required_string("chain", kChainRule);
    const auto address = c.required_string("address", kAddressRule);
    const auto name = c.optional_string("name", kContractNameRule).value_or("");
    if (!chain.empty() && !is_token(chain, true)) {
      c.add_error(field + ".chain", "invalid_format", "Use a lowercase chain name such as ethereum");
    } else if (!address.empty() && !is_token(address, false)) {
      c.add_error(field + ".address", "invalid_format", "An address has no spaces or control characters");
    } else if (!chain.empty() && !address.empty()) {
      out.push_back({{"chain", chain}, {"address", address}, {"name", name}});
    }
    return true;
  });
  return out;
}

nlohmann::json file_json(const std::optional<StoredFile>& f) {
  if (!f) return nullptr;
  return {{"sha256", f->sha256}, {"name", f->name}, {"contentType", f->content_type}};
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
  if (f.repository_url && !f.repository_url->empty() && !core::valid_http_url(*f.repository_url)) {
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
  return pick(to_json(a), {"name", "summary", "description", "category", "tags", "developer", "privacy",
                           "repositoryUrl", "securityRating", "contracts"});
}

}  // namespace cove::apps
