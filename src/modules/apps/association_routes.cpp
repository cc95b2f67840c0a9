// Which mini-programs a host app may run, with their custom API and menu grants: the host app's
// organisation under /api/v1/host-apps, operators (cross-organisation) under /api/v1/platform.
// The rules are in association_service.hpp.
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/association_service.hpp"

namespace cove::apps {

namespace {

// Two lists of at most 50 and 20 names of at most 64 characters.
constexpr std::size_t kBodyLimit = 16 * 1024;

// The body is optional: no body grants no custom APIs or menus.
GrantFields read_grants(const http::Request& req) {
  auto in = parse_optional_body(req);
  auto grants = read_grant_fields(in);
  in.finish();
  return grants;
}

http::Response list_associations(const AssociationService& service, const http::Request& req) {
  const auto page = http::read_page_request(req);
  const auto page_key = [](const Association& a) { return core::PageKey{a.created_ms, a.app_id}; };
  const auto item = [](const Association& a) { return to_json(a); };
  const auto rows = service.list(req.org_id, req.param("hostAppId"), page);
  return http::Response::json(200, http::page_json(rows, page, page_key, item));
}

http::Response associate(AssociationService& service, const http::Request& req) {
  const auto grants = read_grants(req);
  const auto a =
      service.associate(req.actor(), req.org_id, req.param("hostAppId"), req.param("appId"), grants);
  return http::Response::json(200, to_json(a));
}

http::Response dissociate(AssociationService& service, const http::Request& req) {
  service.dissociate(req.actor(), req.org_id, req.param("hostAppId"), req.param("appId"));
  return http::Response::no_content();
}

http::Response operator_associate(AssociationService& service, const http::Request& req) {
  const auto grants = read_grants(req);
  const auto a = service.operator_associate(req.actor(), req.param("hostAppId"), req.param("appId"), grants);
  return http::Response::json(200, to_json(a));
}

http::Response operator_dissociate(AssociationService& service, const http::Request& req) {
  service.operator_dissociate(req.actor(), req.param("hostAppId"), req.param("appId"));
  return http::Response::no_content();
}

}  // namespace

void mount_association_routes(http::Router& router, const AppsServices& services) {
  auto* service = &services.associations;

  auto hosts = router.group("/api/v1/host-apps/{hostAppId}/apps");
  hosts.get("", [service](http::Request& req) { return list_associations(*service, req); })
      .permission("apps:read");
  hosts.put("/{appId}", [service](http::Request& req) { return associate(*service, req); })
      .permission("apps:write")
      .body_limit(kBodyLimit);
  hosts.del("/{appId}", [service](http::Request& req) { return dissociate(*service, req); })
      .permission("apps:write");

  auto platform = router.group("/api/v1/platform/host-apps/{hostAppId}/apps");
  platform.put("/{appId}", [service](http::Request& req) { return operator_associate(*service, req); })
      .permission("platform:orgs")
      .body_limit(kBodyLimit);
  platform.del("/{appId}", [service](http::Request& req) { return operator_dissociate(*service, req); })
      .permission("platform:orgs");
}

}  // namespace cove::apps
