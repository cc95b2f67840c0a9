#pragma once
// A mini-program's declared domains (app_domain_sets + app_domains) and the platform's list
// entries (platform_domains), as stored.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/domains/domains_api.hpp"

namespace cove::domains {

struct DomainSet {
  std::string app_id;
  std::string org_id;
  DomainLists lists;
  std::int64_t revision = 0;  // 0: never declared
  std::string updated_by;
  std::int64_t updated_ms = 0;
};

// The ETag of a mini-program's lists: its revision, quoted.
std::string etag_of(const DomainSet& s);
// {request…webview, revision, updatedAt}
nlohmann::json to_json(const DomainSet& s);

// One declared entry, for the blocklist's search.
struct DeclaredEntry {
  std::string org_id, app_id, kind, value, host;
};

enum class PlatformList { kWhitelist, kBlocklist };
std::string_view list_name(PlatformList list);

struct PlatformDomain {
  std::string list;  // whitelist | blocklist
  std::string host;
  std::vector<std::string> kinds;  // whitelist: the channels it serves; blocklist: empty (all)
  std::string note;
  std::string created_by;
  std::int64_t created_ms = 0;
};

nlohmann::json to_json(const PlatformDomain& d);

// At most this many entries in one platform list.
inline constexpr std::size_t kMaxPlatformListEntries = 1000;

}  // namespace cove::domains
