// Mini-programs of an organisation: list, create, read, edit, delete, icon, audit certificate,
// and the organisation's own online/offline switch (issue 4 "Mini-programs").
#include "http/query_input.hpp"
#include "modules/apps/app_service.hpp"
#include "modules/apps/apps_routes.hpp"

namespace cove::apps {

namespace {

constexpr core::StringRule kReasonRule{.min_chars = 0, .max_chars = 500, .multiline = true};

app_repo::AppFilter read_filter(const http::Request& req) {
  app_repo::AppFilter f;
  f.status = read_query_filter(req, "status", 20);
  if (f.status && *f.status != "draft" && *f.status != "online" && *f.status != "offline") {
    core::FieldErrors errors;
    errors.add("status", "unknown_value", "Use draft, online or offline");
    errors.throw_if_any();
  }
  f.category = read_query_filter(req, "category", 50);
  f.query = read_query_filter(req, "q", 100).value_or("");
  return f;
}

constexpr const char* kNoFile = "Send the file as the request body";

}  // namespace

void mount_app_routes(http::Router& router, const AppsServices& services) {
  auto* service = &services.apps;

  auto orgs = router.group("/api/v1/orgs");
  orgs.get("/{orgId}/apps",
           [service](http::Request& req) {
             auto filter = read_filter(req);
             filter.org_id = req.org_id;
             const auto page = http::read_page_request(req);
             return http::Response::json(200, newest_first_page(service->list(filter, page), page));
           })
      .permission("apps:read");

  orgs.post("/{orgId}/apps",
            [service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto fields = read_app_fields(in, true);
              in.finish();
              return http::Response::json(201, to_json(service->create(req.actor(), req.org_id, fields)));
            })
      .permission("apps:write");

  auto apps = router.group("/api/v1/apps");
  apps.get("/{appId}",
           [service](http::Request& req) {
             return http::Response::json(200, to_json(service->get(req.org_id, req.param("appId"))));
           })
      .permission("apps:read");

  apps.patch("/{appId}",
             [service](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               const auto fields = read_app_fields(in, false);
               in.finish();
               return http::Response::json(
                   200, to_json(service->update(req.actor(), req.org_id, req.param("appId"), fields)));
             })
      .permission("apps:write");

  apps.del("/{appId}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.org_id, req.param("appId"));
             return http::Response::no_content();
           })
      .permission("apps:write");

  // Raw-body uploads stream to disk while hashed, then move into the blob store (fsync: blocking).
  apps.put("/{appId}/icon",
           [service](http::Request& req) {
             const auto app =
                 service->set_icon(req.actor(), req.org_id, req.param("appId"), read_upload(req, kNoFile));
             return http::Response::json(200, to_json(app)["icon"]);
           })
      .permission("apps:write")
      .stream_to_file(kMaxIconBytes)
      .blocking();

  apps.get("/{appId}/icon",
           [service](http::Request& req) {
             return serve_blob(req, service->icon(req.org_id, req.param("appId")), "private, no-cache",
                               false);
           })
      .permission("apps:read");

  apps.put("/{appId}/audit-certificate",
           [service](http::Request& req) {
             const auto app = service->set_certificate(req.actor(), req.org_id, req.param("appId"),
                                                       read_upload(req, kNoFile), http::read_file_name(req));
             return http::Response::json(200, to_json(app)["auditCertificate"]);
           })
      .permission("apps:write")
      .stream_to_file(kMaxCertificateBytes)
      .blocking();

  apps.get("/{appId}/audit-certificate",
           [service](http::Request& req) {
             return serve_blob(req, service->certificate(req.org_id, req.param("appId")), "private, no-cache",
                               true);
           })
      .permission("apps:read");

  apps.post("/{appId}/offline",
            [service](http::Request& req) {
              auto in = parse_optional_body(req);
              const auto reason = in.optional_string("reason", kReasonRule).value_or("");
              in.finish();
              return http::Response::json(
                  200, to_json(service->take_offline(req.actor(), req.org_id, req.param("appId"), reason)));
            })
      .permission("apps:release");

  apps.post("/{appId}/online",
            [service](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(
                  200, to_json(service->bring_online(req.actor(), req.org_id, req.param("appId"))));
            })
      .permission("apps:release");
}

void mount_platform_app_routes(http::Router& router, const AppsServices& services) {
  auto* service = &services.apps;
  auto platform = router.group("/api/v1/platform/apps");

  platform
      .get("",
           [service, org_names = services.org_names](http::Request& req) {
             auto filter = read_filter(req);
             filter.org_id = read_query_filter(req, "orgId", 64);
             const auto page = http::read_page_request(req);
             auto body = newest_first_page(service->list(filter, page), page);
             // Each row names its organisation: operators read names, not ids.
             std::vector<std::string> ids;
             for (const auto& item : body["items"]) ids.push_back(item["orgId"].get<std::string>());
             const auto names = org_names(ids);
             for (auto& item : body["items"]) {
               const auto it = names.find(item["orgId"].get<std::string>());
               item["orgName"] = it == names.end() ? "" : it->second;
             }
             return http::Response::json(200, body);
           })
      .permission("platform:read");

  platform
      .post("/{appId}/takedown",
            [service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto reason =
                  in.required_string("reason", {.min_chars = 1, .max_chars = 500, .multiline = true});
              in.finish();
              return http::Response::json(
                  200, to_json(service->take_down(req.actor(), req.param("appId"), reason)));
            })
      .permission("platform:review");

  platform
      .post("/{appId}/restore",
            [service](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(200, to_json(service->restore(req.actor(), req.param("appId"))));
            })
      .permission("platform:review");
}

}  // namespace cove::apps
