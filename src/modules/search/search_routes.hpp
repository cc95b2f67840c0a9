#pragma once
#include <atomic>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/search/search_service.hpp"

namespace cove::search {

// What the routes use; the module owns them.
struct SearchServices {
  SearchService& search;
  apps::AppsApi& apps;
  std::function<nlohmann::json()> status;          // the index's state (GET …/search/status)
  std::function<bool(const core::Actor&)> reindex;  // starts a rebuild; false when one runs
};

void mount_search_routes(http::Router& router, const SearchServices& s);

}  // namespace cove::search
