#pragma once
// Each feature's mount function (called from AppsModule::register_routes) and the small
// request-reading helpers they share.
#include <optional>
#include <string>

#include "core/json_input.hpp"
#include "http/router.hpp"
#include "modules/apps/apps_context.hpp"

namespace cove::apps {

void mount_app_routes(http::Router& router, AppsContext& ctx);
void mount_platform_app_routes(http::Router& router, AppsContext& ctx);
void mount_version_routes(http::Router& router, AppsContext& ctx);
void mount_base_library_routes(http::Router& router, AppsContext& ctx);
void mount_host_app_routes(http::Router& router, AppsContext& ctx);

// A JSON body that may be empty (actions such as /offline whose fields are all optional).
core::JsonInput parse_optional_body(const http::Request& req);
// `?filename=` naming an uploaded file (1–200 printable characters), "" when absent.
std::string read_file_name(const http::Request& req);
// An optional query filter with a length limit; 400 naming the parameter when too long.
std::optional<std::string> read_query_filter(const http::Request& req, const char* name,
                                             std::size_t max_chars);

}  // namespace cove::apps
