#pragma once
// The runtime's immutable catalog snapshot (DESIGN.md §8): per host app (by sdkKey) its secret,
// bundle ids, and for each associated mini-program either a precomputed response body with its
// ETag or the reason it cannot be served. A request is map lookups and a copy of a string; no
// SQL, no JSON building. Rebuilt as a whole from the database when something changes.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/crypto.hpp"
#include "modules/apps/runtime_view.hpp"
#include "modules/gray/gray_api.hpp"

namespace cove::runtime {

// Why a mini-program is not served, each a distinct 404 code.
enum class Unservable { kNone, kOffline, kNotReleased };

// The answer for users a running gray plan selects.
struct GrayView {
  const gray::RuntimePlan* plan = nullptr;  // owned by the catalog
  std::string body;
  std::string etag;
};

struct AppView {
  Unservable reason = Unservable::kNone;
  std::string body;            // the JSON answer for this host app (the released version)
  std::string etag;            // quoted, over the body
  std::vector<GrayView> gray;  // running plans in evaluation order; the first that selects wins
};

// Lets the maps be searched with a string_view from a header, without building a string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct HostEntry {
  std::string id;
  std::string org_id;
  std::shared_ptr<const core::crypto::HmacSha256Key> signing;  // the SDK secret, pads pre-hashed
  bool active = false;  // the host app is active and its organisation too
  StringSet bundle_ids;
  StringMap<AppView> apps;  // associated mini-programs by appId
  // Associated, servable mini-programs in appId order (for the launcher's batch list).
  std::map<std::string, const AppView*> servable;
  StringSet packages;  // SHA-256 of packages this host app may download
};

struct Catalog {
  StringMap<HostEntry> hosts;  // by sdkKey
  StringSet known_apps;        // every appId, to tell "unknown" from "not associated"
  std::int64_t built_ms = 0;
  std::size_t app_count = 0;
  gray::GrayRuntimeData gray;  // running plans and the UID lists they name
};

// `active_orgs`: organisations whose mini-programs and host apps may be served.
std::shared_ptr<const Catalog> build_catalog(const apps::RuntimeData& data,
                                             const std::unordered_set<std::string>& active_orgs,
                                             gray::GrayRuntimeData gray, std::int64_t now_ms);

}  // namespace cove::runtime
