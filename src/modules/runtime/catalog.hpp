#pragma once
// The runtime's immutable catalog snapshot (DESIGN.md §8): per host app, for each associated
// mini-program either a precomputed response body with its ETag or the reason it cannot be
// served, and the answers of running gray plans. A request is map lookups, rule evaluation and a
// copy of a string; no SQL, no JSON building. Rebuilt as a whole from the catalog sources the
// modules register (modules/platform/catalog_sources.hpp) when something changes.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/string_map.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/runtime_view.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/platform/catalog_sources.hpp"

namespace cove::runtime {

// Why a mini-program is not served, each a distinct 404 code.
enum class Unservable { kNone, kOffline, kNotReleased };

// The answer for users a running gray plan selects.
struct GrayView {
  const gray::RuntimePlan* plan = nullptr;  // owned by the catalog's gray part
  std::string body;
  std::string etag;
};

struct AppView {
  Unservable reason = Unservable::kNone;
  std::string body;            // the JSON answer for this host app (the released version)
  std::string etag;            // quoted, over the body
  std::vector<GrayView> gray;  // running plans in evaluation order; the first that selects wins
  // The answer's `profile` (trust data users are shown) alone, for GET …/profile, with its ETag.
  std::string profile;
  std::string profile_etag;
  // Files the runtime hands out for it, owned by the catalog's apps part; null when none.
  const apps::RuntimeFile* icon = nullptr;
  const apps::RuntimeFile* certificate = nullptr;
};

struct HostEntry {
  std::string id;
  std::string org_id;
  core::StringMap<AppView> apps;  // associated mini-programs by appId
  // Associated, servable mini-programs in appId order (for the launcher's batch list).
  std::map<std::string, const AppView*> servable;
  core::StringSet packages;  // SHA-256 of packages this host app may download
};

struct Catalog {
  core::StringMap<HostEntry> hosts;  // by host app id
  core::StringSet known_apps;        // every appId, to tell "unknown" from "not associated"
  std::int64_t built_ms = 0;
  std::size_t app_count = 0;
  modules::CatalogParts parts;              // every source's part, kept alive with the snapshot
  const gray::GrayRuntimeData* gray = nullptr;  // the gray part (running plans, UID lists)
};

// `active_orgs`: organisations whose mini-programs may be served; `org_names` their names (the
// developer users are shown). Sources other than apps and gray add their fields to every answer
// (CatalogSource::add_app_fields).
std::shared_ptr<const Catalog> build_catalog(modules::CatalogParts parts, const modules::CatalogSourceRegistry& sources,
                                             const std::unordered_set<std::string>& active_orgs, std::int64_t now_ms,
                                             const std::unordered_map<std::string, std::string>& org_names = {});

}  // namespace cove::runtime
