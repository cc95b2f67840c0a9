// Versions and code packages (issue 4 "Versions and code packages"). The upload is the raw zip
// body, streamed to disk while hashed; the organisation's package quota caps it before a byte is
// read when the client sends Content-Length.
#include <fmt/format.h>

#include "http/query_input.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/version_service.hpp"

namespace cove::apps {

namespace {

// The largest package quota an operator can set (settings: maxPackageBytes).
constexpr std::uint64_t kPackageCeiling = 2ULL * 1024 * 1024 * 1024;
constexpr core::StringRule kChangelogRule{.min_chars = 0, .max_chars = 10000, .multiline = true};

VersionPatch read_patch(core::JsonInput& in) {
  VersionPatch p;
  p.changelog = in.optional_string("changelog", kChangelogRule);
  p.min_base_library = in.optional_string("minBaseLibrary", {.min_chars = 0, .max_chars = 32});
  in.finish();
  return p;
}

std::string required_query(const http::Request& req, const char* name) {
  auto v = read_query_filter(req, name, 32);
  if (!v) {
    core::FieldErrors errors;
    errors.add(name, "required", "Name the version to compare, such as 1.2.0");
    errors.throw_if_any();
  }
  return *v;
}

}  // namespace

void mount_version_routes(http::Router& router, const AppsServices& services) {
  auto* service = &services.versions;
  auto apps = router.group("/api/v1/apps");

  apps.get("/{appId}/versions",
           [service](http::Request& req) {
             const auto page = http::read_page_request(req);
             return http::Response::json(
                 200, newest_first_page(service->list(req.org_id, req.param("appId"), page), page));
           })
      .permission("apps:read");

  apps.get("/{appId}/versions/{version}",
           [service](http::Request& req) {
             return http::Response::json(
                 200, to_json(service->get(req.org_id, req.param("appId"), req.param("version"))));
           })
      .permission("apps:read");

  apps.patch("/{appId}/versions/{version}",
             [service](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               const auto patch = read_patch(in);
               return http::Response::json(
                   200, to_json(service->update(req.actor(), req.org_id, req.param("appId"),
                                                req.param("version"), patch)));
             })
      .permission("apps:write");

  apps.del("/{appId}/versions/{version}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.org_id, req.param("appId"), req.param("version"));
             return http::Response::no_content();
           })
      .permission("apps:write");

  apps.get("/{appId}/versions/{version}/files",
           [service](http::Request& req) {
             auto items = nlohmann::json::array();
             for (const auto& f : service->files(req.org_id, req.param("appId"), req.param("version")))
               items.push_back(to_json(f));
             const auto total = items.size();  // every file, in one page (a package's files are bounded)
             return http::Response::json(200,
                                         {{"items", std::move(items)}, {"nextCursor", nullptr}, {"total", total}});
           })
      .permission("apps:read");

  apps.put("/{appId}/versions/{version}/package",
           [service](http::Request& req) {
             const auto v = service->upload(req.actor(), req.org_id, req.param("appId"), req.param("version"),
                                            read_upload(req, "Send the zip package as the request body"));
             auto res = http::Response::json(201, to_json(v));
             res.headers.set("Location", fmt::format("/api/v1/apps/{}/versions/{}", v.app_id, v.version));
             return res;
           })
      .permission("apps:write")
      .stream_to_file(kPackageCeiling,
                      [service](const http::Request& req) { return service->package_limit(req.org_id); })
      .blocking();

  apps.get("/{appId}/versions/{version}/package",
           [service](http::Request& req) {
             // A version's package never changes, but it is members-only: private caching.
             return serve_blob(req, service->package(req.org_id, req.param("appId"), req.param("version")),
                               "private, max-age=31536000, immutable", true);
           })
      .permission("apps:read");

  // Release and rollback: both serve the named version to everyone, and take no fields.
  for (const auto& [action, method] :
       {std::pair{"/release", &VersionService::release}, std::pair{"/rollback", &VersionService::rollback}}) {
    apps.post(std::string("/{appId}/versions/{version}") + action,
              [service, serve = method](http::Request& req) {
                parse_optional_body(req).finish();
                return http::Response::json(
                    200, to_json((service->*serve)(req.actor(), req.org_id, req.param("appId"),
                                                   req.param("version"))));
              })
        .permission("apps:release");
  }

  apps.get("/{appId}/compare",
           [service](http::Request& req) {
             const auto from = required_query(req, "from");
             const auto to = required_query(req, "to");
             return http::Response::json(200,
                                         to_json(service->compare(req.org_id, req.param("appId"), from, to)));
           })
      .permission("apps:read");
}

}  // namespace cove::apps
