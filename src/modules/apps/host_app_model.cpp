#include "modules/apps/host_app_model.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "modules/apps/host_app_rules.hpp"
#include "modules/apps/model_json.hpp"

namespace cove::apps {

namespace {

constexpr core::StringRule kNameRule{.min_chars = 1, .max_chars = 60};
constexpr core::StringRule kApiDescriptionRule{.min_chars = 0, .max_chars = 200};
constexpr core::StringRule kMenuTitleRule{.min_chars = 1, .max_chars = 40};
// Two per platform on three platforms.
constexpr std::size_t kMaxBundles = 3 * kMaxBundlesPerPlatform;

std::string describe(const std::string& code, const char* what) {
  if (code == "too_short") return fmt::format("This {} is too short", what);
  if (code == "too_long") return fmt::format("This {} is too long", what);
  return fmt::format("Not a valid {}", what);
}

std::optional<std::vector<BundleId>> read_bundles(core::JsonInput& in, bool required) {
  if (required && !in.has("bundleIds")) {
    in.take("bundleIds");
    in.add_error("bundleIds", "required", "Name at least one bundle id");
    return std::nullopt;
  }
  const auto* items = array_field(in, "bundleIds", kMaxBundles);
  if (!items) return std::nullopt;
  if (items->empty()) {
    in.add_error("bundleIds", "required",
                 "Name at least one bundle id: the runtime checks it on every request");
    return std::nullopt;
  }
  std::vector<BundleId> out;
  const bool ok = each_object(in, "bundleIds", *items, [&](core::JsonInput& item, const std::string& field) {
    const auto platform = item.required_string("platform", {.min_chars = 1, .max_chars = 16});
    const auto id = item.required_string("id", {.min_chars = 1, .max_chars = 200});
    if (platform.empty() || id.empty()) return false;
    if (!is_host_platform(platform)) {
      in.add_error(field + ".platform", "unknown_value", "Use ios, android or harmony");
      return false;
    }
    if (const auto code = check_bundle_id(platform, id); !code.empty()) {
      in.add_error(field + ".id", code,
                   describe(code, "bundle id for this platform (reverse-DNS, e.g. com.example.app)"));
      return false;
    }
    const BundleId b{platform, id};
    if (std::find(out.begin(), out.end(), b) != out.end()) {
      in.add_error(field + ".id", "duplicate", "Each bundle id may be listed once");
      return false;
    }
    out.push_back(b);
    return true;
  });
  if (!ok) return std::nullopt;
  std::map<std::string, std::size_t> per_platform;
  for (const auto& b : out) {
    if (++per_platform[b.platform] > kMaxBundlesPerPlatform) {
      in.add_error("bundleIds", "too_many",
                   fmt::format("At most {} bundle ids per platform ({} has more)", kMaxBundlesPerPlatform,
                               b.platform));
      return std::nullopt;
    }
  }
  std::sort(out.begin(), out.end(), [](const BundleId& a, const BundleId& b) {
    return std::tie(a.platform, a.id) < std::tie(b.platform, b.id);
  });
  return out;
}

std::optional<std::vector<CustomApi>> read_custom_apis(core::JsonInput& in) {
  const auto* items = array_field(in, "customApis", kMaxCustomApis);
  if (!items) return std::nullopt;
  std::vector<CustomApi> out;
  std::set<std::string> seen;
  const bool ok = each_object(in, "customApis", *items, [&](core::JsonInput& item, const std::string& field) {
    const auto name = item.required_string("name", {.min_chars = 1, .max_chars = 64});
    const auto description = item.optional_string("description", kApiDescriptionRule);
    if (name.empty() || (item.has("description") && !description)) return false;
    if (const auto code = check_api_name(name); !code.empty()) {
      in.add_error(field + ".name", code, describe(code, "API name (a name like getUserWallet)"));
      return false;
    }
    if (!seen.insert(name).second) {
      in.add_error(field + ".name", "duplicate", "Each custom API name may be defined once");
      return false;
    }
    out.push_back({name, description.value_or("")});
    return true;
  });
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<std::vector<MenuItem>> read_menus(core::JsonInput& in) {
  const auto* items = array_field(in, "menus", kMaxMenus);
  if (!items) return std::nullopt;
  std::vector<MenuItem> out;
  std::set<std::string> seen;
  const bool ok = each_object(in, "menus", *items, [&](core::JsonInput& item, const std::string& field) {
    const auto id = item.required_string("id", {.min_chars = 1, .max_chars = 64});
    const auto title = item.required_string("title", kMenuTitleRule);
    if (id.empty() || title.empty()) return false;
    if (const auto code = check_menu_id(id); !code.empty()) {
      in.add_error(field + ".id", code, describe(code, "menu id (letters, digits, '_' or '-')"));
      return false;
    }
    if (!seen.insert(id).second) {
      in.add_error(field + ".id", "duplicate", "Each menu id may be defined once");
      return false;
    }
    out.push_back({id, title});
    return true;
  });
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::vector<std::string> read_names(core::JsonInput& in, const char* name, std::size_t max_items) {
  std::vector<std::string> out;
  const auto* items = array_field(in, name, max_items);
  if (!items) return out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& v = (*items)[i];
    const auto field = fmt::format("{}[{}]", name, i);
    if (!v.is_string() || !core::check_string(v.get_ref<const std::string&>(), {.max_chars = 64}).empty()) {
      in.add_error(field, "invalid", "Each entry is a name of 1 to 64 characters");
      continue;
    }
    if (std::find(out.begin(), out.end(), v.get<std::string>()) != out.end()) {
      in.add_error(field, "duplicate", "Each entry may be listed once");
      continue;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

HostAppFields read_host_app_fields(core::JsonInput& in, bool creating) {
  HostAppFields f;
  f.name = creating ? std::optional<std::string>(in.required_string("name", kNameRule))
                    : in.optional_string("name", kNameRule);
  f.bundles = read_bundles(in, creating);
  if (!creating) {
    f.status = in.optional_string("status", {.min_chars = 1, .max_chars = 16});
    if (f.status && *f.status != "active" && *f.status != "disabled") {
      in.add_error("status", "unknown_value", "Use active or disabled");
      f.status.reset();
    }
  }
  f.custom_apis = read_custom_apis(in);
  f.menus = read_menus(in);
  return f;
}

GrantFields read_grant_fields(core::JsonInput& in) {
  GrantFields g;
  g.allowed_apis = read_names(in, "allowedApis", kMaxCustomApis);
  g.allowed_menus = read_names(in, "allowedMenus", kMaxMenus);
  return g;
}

namespace {

nlohmann::json bundles_json(const std::vector<BundleId>& bundles) {
  auto out = nlohmann::json::array();
  for (const auto& b : bundles) out.push_back({{"platform", b.platform}, {"id", b.id}});
  return out;
}

nlohmann::json apis_json(const std::vector<CustomApi>& apis) {
  auto out = nlohmann::json::array();
  for (const auto& a : apis) out.push_back({{"name", a.name}, {"description", a.description}});
  return out;
}

nlohmann::json menus_json(const std::vector<MenuItem>& menus) {
  auto out = nlohmann::json::array();
  for (const auto& m : menus) out.push_back({{"id", m.id}, {"title", m.title}});
  return out;
}

}  // namespace

nlohmann::json to_json(const HostApp& h) {
  return {{"id", h.id},
          {"orgId", h.org_id},
          {"name", h.name},
          {"sdkKey", h.sdk_key},
          {"status", h.status},
          {"bundleIds", bundles_json(h.bundles)},
          {"customApis", apis_json(h.custom_apis)},
          {"menus", menus_json(h.menus)},
          {"secretRotatedAt", core::format_rfc3339_millis(h.secret_rotated_ms)},
          {"createdAt", core::format_rfc3339_millis(h.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(h.updated_ms)}};
}

nlohmann::json summary_of(const HostApp& h) {
  return pick(to_json(h), {"name", "sdkKey", "status", "bundleIds", "customApis", "menus"});
}

bool defines_api(const HostApp& h, std::string_view name) {
  return std::any_of(h.custom_apis.begin(), h.custom_apis.end(),
                     [&](const CustomApi& a) { return a.name == name; });
}

bool defines_menu(const HostApp& h, std::string_view id) {
  return std::any_of(h.menus.begin(), h.menus.end(), [&](const MenuItem& m) { return m.id == id; });
}

nlohmann::json to_json(const Association& a) {
  return {{"hostAppId", a.host_app_id},
          {"appId", a.app_id},
          {"appOrgId", a.app_org_id},
          {"appName", a.app_name},
          {"appStatus", a.app_status},
          {"allowedApis", a.allowed_apis},
          {"allowedMenus", a.allowed_menus},
          {"crossOrg", a.cross_org},
          {"createdBy", a.created_by},
          {"createdAt", core::format_rfc3339_millis(a.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(a.updated_ms)}};
}

nlohmann::json summary_of(const Association& a) {
  return pick(to_json(a), {"appId", "allowedApis", "allowedMenus", "crossOrg"});
}

}  // namespace cove::apps
