#pragma once
// What the search module indexes of a mini-program (apps_api.hpp): its texts, the released
// version's app.json titles, its state and the host apps it is associated with. Read in pages by
// appId (keyset), so a rebuild of 100,000 mini-programs holds one page in memory at a time.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"

namespace cove::apps {

struct SearchSource {
  std::string app_id;
  std::string org_id;
  std::string name;
  std::string summary;
  std::string description;
  std::string category;
  std::vector<std::string> tags;
  std::string status;      // draft | online | offline
  std::string offline_by;  // "" | org | platform
  bool has_icon = false;
  std::string security_rating;
  std::vector<std::string> contract_names;  // Web3 contracts' names
  std::vector<std::string> page_titles;     // the released app.json's title and page paths
  std::string released_version;             // "" when nothing is released
  std::int64_t released_ms = 0;
  std::int64_t updated_ms = 0;
  std::vector<std::string> host_app_ids;  // associated host apps
};

// Mini-programs with appId > after_app_id, ordered by appId, at most `limit`.
std::vector<SearchSource> load_search_sources(core::Conn& c, const std::string& after_app_id, int limit);
std::optional<SearchSource> load_search_source(core::Conn& c, const std::string& app_id);

}  // namespace cove::apps
