#pragma once
// Host apps (宿主 App) as stored in `host_apps`, `host_app_bundles` and `host_app_apps`: the
// native apps that embed the mini-program SDK, their bundle ids, the custom APIs and menu items
// they offer mini-programs (API与菜单管理), and which mini-programs they may run.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_input.hpp"

namespace cove::apps {

// Limits (documented in docs/openapi.json; the rules themselves are in host_app_rules.hpp).
inline constexpr std::size_t kMaxBundlesPerPlatform = 2;
inline constexpr std::size_t kMaxCustomApis = 50;
inline constexpr std::size_t kMaxMenus = 20;

struct BundleId {
  std::string platform;  // ios | android | harmony
  std::string id;        // bundle id / package name / bundle name
  bool operator==(const BundleId&) const = default;
};

struct CustomApi {
  std::string name;  // what the mini-program calls, e.g. getUserWallet
  std::string description;
  bool operator==(const CustomApi&) const = default;
};

struct MenuItem {
  std::string id;  // e.g. share_to_chat
  std::string title;
  bool operator==(const MenuItem&) const = default;
};

struct HostApp {
  std::string id;  // hst_…
  std::string org_id;
  std::string name;
  std::string sdk_key;            // public; the secret is never part of this struct
  std::string status = "active";  // active | disabled
  std::vector<BundleId> bundles;  // sorted by platform, then id
  std::vector<CustomApi> custom_apis;
  std::vector<MenuItem> menus;
  std::int64_t secret_rotated_ms = 0;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const HostApp&) const = default;
};

nlohmann::json to_json(const HostApp& h);
// The fields the operation log keeps: never the SDK secret.
nlohmann::json summary_of(const HostApp& h);

// Whether the host app defines a custom API of this name, or a menu item with this id: grants may
// name only those.
bool defines_api(const HostApp& h, std::string_view name);
bool defines_menu(const HostApp& h, std::string_view id);

// One mini-program a host app may run, with the custom APIs and menus granted to it.
struct Association {
  std::string host_app_id;
  std::string app_id;
  std::string app_org_id;  // differs from the host app's org when cross_org
  std::string app_name;    // joined from `apps` for lists
  std::string app_status;  // joined from `apps` for lists
  std::vector<std::string> allowed_apis;
  std::vector<std::string> allowed_menus;
  bool cross_org = false;  // granted by an operator across organisations
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

nlohmann::json to_json(const Association& a);
// The fields the operation log keeps.
nlohmann::json summary_of(const Association& a);

// Editable fields; absent = unchanged. Values have passed validation already.
struct HostAppFields {
  std::optional<std::string> name;
  std::optional<std::vector<BundleId>> bundles;
  std::optional<std::string> status;
  std::optional<std::vector<CustomApi>> custom_apis;
  std::optional<std::vector<MenuItem>> menus;
};

// Reads the fields from a request body: create requires `name` and `bundleIds` and does not take
// `status`. Records field errors in `in` and leaves bad fields unset.
HostAppFields read_host_app_fields(core::JsonInput& in, bool creating);

// The grants of an association (`allowedApis`, `allowedMenus`); absent = none granted. Checked
// against the host app's definitions by the service.
struct GrantFields {
  std::vector<std::string> allowed_apis;
  std::vector<std::string> allowed_menus;
};

GrantFields read_grant_fields(core::JsonInput& in);

}  // namespace cove::apps
