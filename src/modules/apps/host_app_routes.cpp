// Host apps of an organisation (issue 4 "Host apps"): list, create, read, edit, delete and
// rotate the SDK secret. Associations with mini-programs are in association_routes.cpp.
#include "http/query_input.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/host_app_service.hpp"

namespace cove::apps {

namespace {

// 50 custom APIs with descriptions and 20 menu items fit easily.
constexpr std::size_t kBodyLimit = 64 * 1024;

host_app_repo::HostAppFilter read_filter(const http::Request& req) {
  host_app_repo::HostAppFilter f;
  f.org_id = req.org_id;
  f.status = read_query_filter(req, "status", 20);
  if (f.status && *f.status != "active" && *f.status != "disabled") {
    core::FieldErrors errors;
    errors.add("status", "unknown_value", "Use active or disabled");
    errors.throw_if_any();
  }
  f.query = read_query_filter(req, "q", 100).value_or("");
  return f;
}

HostAppFields read_fields(const http::Request& req, bool creating) {
  auto in = core::JsonInput::parse(req.body);
  auto fields = read_host_app_fields(in, creating);
  in.finish();
  return fields;
}

// The only responses that carry the secret: creation and rotation.
nlohmann::json with_secret(const HostAppWithSecret& issued) {
  auto j = to_json(issued.host_app);
  j["sdkSecret"] = issued.sdk_secret;
  return j;
}

http::Response list_host_apps(const HostAppService& service, const http::Request& req) {
  const auto filter = read_filter(req);
  const auto page = http::read_page_request(req);
  return http::Response::json(200, newest_first_page(service.list(filter, page), page));
}

http::Response create_host_app(HostAppService& service, const http::Request& req) {
  const auto fields = read_fields(req, true);
  return http::Response::json(201, with_secret(service.create(req.actor(), req.org_id, fields)));
}

http::Response update_host_app(HostAppService& service, const http::Request& req) {
  const auto fields = read_fields(req, false);
  return http::Response::json(
      200, to_json(service.update(req.actor(), req.org_id, req.param("hostAppId"), fields)));
}

http::Response rotate_secret(HostAppService& service, const http::Request& req) {
  parse_optional_body(req).finish();
  return http::Response::json(
      200, with_secret(service.rotate_secret(req.actor(), req.org_id, req.param("hostAppId"))));
}

}  // namespace

void mount_host_app_routes(http::Router& router, const AppsServices& services) {
  auto* service = &services.host_apps;

  auto orgs = router.group("/api/v1/orgs/{orgId}/host-apps");
  orgs.get("", [service](http::Request& req) { return list_host_apps(*service, req); })
      .permission("apps:read");
  orgs.post("", [service](http::Request& req) { return create_host_app(*service, req); })
      .permission("apps:write")
      .body_limit(kBodyLimit);

  auto hosts = router.group("/api/v1/host-apps");
  hosts
      .get("/{hostAppId}",
           [service](http::Request& req) {
             return http::Response::json(200, to_json(service->get(req.org_id, req.param("hostAppId"))));
           })
      .permission("apps:read");
  hosts.patch("/{hostAppId}", [service](http::Request& req) { return update_host_app(*service, req); })
      .permission("apps:write")
      .body_limit(kBodyLimit);
  hosts
      .del("/{hostAppId}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.org_id, req.param("hostAppId"));
             return http::Response::no_content();
           })
      .permission("apps:write");
  hosts
      .post("/{hostAppId}/rotate-secret",
            [service](http::Request& req) { return rotate_secret(*service, req); })
      .permission("apps:write")
      .body_limit(kBodyLimit);
}

}  // namespace cove::apps
