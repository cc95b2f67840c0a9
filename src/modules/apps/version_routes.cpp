// Versions and code packages (issue 4 "Versions and code packages"). The upload is the raw zip
// body, streamed to disk while hashed; the organisation's package quota caps it before a byte is
// read when the client sends Content-Length.
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
#include "http/blob_response.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/version_service.hpp"
#include "http/query_input.hpp"
#include "http/list_response.hpp"
#include "http/download.hpp"

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

void mount_version_routes(http::Router& router, AppsContext& ctx) {
  auto service = std::make_shared<VersionService>(ctx);
  auto apps = router.group("/api/v1/apps");

  apps.get("/{appId}/versions",
           [service](http::Request& req) {
             const auto page = http::read_page_request(req);
             return http::Response::json(200, http::page_json(
                                                  service->list(req.org_id, req.param("appId"), page), page,
                                                  [](const Version& v) {
                                                    return core::PageKey{v.created_ms, v.id};
                                                  },
                                                  [](const Version& v) { return to_json(v); }));
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
             return http::Response::json(200, {{"items", std::move(items)}, {"nextCursor", nullptr}});
           })
      .permission("apps:read");

  apps.put("/{appId}/versions/{version}/package",
           [service](http::Request& req) {
             if (!req.upload)
               throw core::Error::bad_request("empty_body", "Send the zip package as the request body");
             const auto v = service->upload(req.actor(), req.org_id, req.param("appId"), req.param("version"),
                                            {req.upload->path, req.upload->sha256, req.upload->size});
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
             const auto blob = service->package(req.org_id, req.param("appId"), req.param("version"));
             const auto disposition = http::content_disposition("attachment", blob.file.name);
             // A version's package never changes, but it is members-only: private caching.
             return http::blob_response(req, {.path = blob.path,
                                              .size = blob.size,
                                              .sha256 = blob.file.sha256,
                                              .content_type = blob.file.content_type,
                                              .cache_control = "private, max-age=31536000, immutable",
                                              .content_disposition = disposition});
           })
      .permission("apps:read");

  apps.post("/{appId}/versions/{version}/release",
            [service](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(
                  200, to_json(service->release(req.actor(), req.org_id, req.param("appId"),
                                                req.param("version"))));
            })
      .permission("apps:release");

  apps.post("/{appId}/versions/{version}/rollback",
            [service](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(
                  200, to_json(service->rollback(req.actor(), req.org_id, req.param("appId"),
                                                 req.param("version"))));
            })
      .permission("apps:release");

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
