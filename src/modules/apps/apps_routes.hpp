#pragma once
// Each feature's mount function (called from AppsModule::register_routes) with the services the
// module built once, and the small request-reading helpers they share.
#include <functional>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_input.hpp"
#include "core/page.hpp"
#include "http/list_response.hpp"
#include "http/router.hpp"
#include "modules/apps/blob_file.hpp"

namespace cove::apps {

class AppService;
class AssociationService;
class BaseLibraryService;
class HostAppService;
class VersionService;

// Owned by AppsModule, which outlives the routes that refer to them.
// id → name of the organisations among the ids (accounts::AccountsApi::org_names, in its own read).
using OrgNames = std::function<std::unordered_map<std::string, std::string>(const std::vector<std::string>&)>;

struct AppsServices {
  AppService& apps;
  VersionService& versions;
  HostAppService& host_apps;
  AssociationService& associations;
  BaseLibraryService& base_libraries;
  OrgNames org_names;  // the operators' lists show whose a row is
};

void mount_app_routes(http::Router& router, const AppsServices& services);
void mount_platform_app_routes(http::Router& router, const AppsServices& services);
void mount_version_routes(http::Router& router, const AppsServices& services);
void mount_base_library_routes(http::Router& router, const AppsServices& services);
void mount_host_app_routes(http::Router& router, const AppsServices& services);
void mount_association_routes(http::Router& router, const AppsServices& services);

// A JSON body that may be empty (actions such as /offline whose fields are all optional).
core::JsonInput parse_optional_body(const http::Request& req);
// An optional query filter with a length limit; 400 naming the parameter when too long.
std::optional<std::string> read_query_filter(const http::Request& req, const char* name,
                                             std::size_t max_chars);
// The body a stream_to_file route received; 400 empty_body with `missing` when there was none.
Upload read_upload(const http::Request& req, const char* missing);
// A list page of rows listed newest first by (created_ms, id), each answered as to_json(row).
template <class Row>
nlohmann::json newest_first_page(core::Page<Row> rows, const core::PageRequest& page) {
  const auto key = [](const Row& r) { return core::PageKey{r.created_ms, r.id}; };
  const auto item = [](const Row& r) { return to_json(r); };
  return http::page_json(std::move(rows), page, key, item);
}
// A stored file for members (private caching), as an attachment when `attachment`.
http::Response serve_blob(const http::Request& req, const BlobFile& blob, std::string_view cache_control,
                          bool attachment);

}  // namespace cove::apps
