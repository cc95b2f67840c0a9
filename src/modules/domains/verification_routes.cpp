// Business-domain verification: the organisation's file (name and content) to publish at
// https://<host>/<file name>, and the check of one declared business domain (a blocking route:
// the fetch may take seconds).
#include <fmt/format.h>

#include "modules/domains/domains_routes.hpp"

namespace cove::domains {

void mount_verification_routes(http::Router& router, const DomainsServices& s) {
  VerificationService* service = &s.verification;
  router.group("/api/v1/orgs/{orgId}/domain-verification")
      .get("",
           [service](http::Request& req) {
             const auto file = service->file_for(req.org_id);
             auto checks = nlohmann::json::array();
             for (const auto& v : service->in_org(req.org_id)) checks.push_back(verification_json(v.host, v));
             return http::Response::json(200, {{"fileName", file.file_name},
                                               {"content", file.content},
                                               {"urlTemplate", fmt::format("https://{{host}}/{}", file.file_name)},
                                               {"checks", std::move(checks)}});
           })
      .permission("apps:read");
  router.group("/api/v1/apps/{appId}/domains/webview/{host}")
      .post("/verify",
            [service](http::Request& req) {
              // The path names the host as declared (ASCII); a Unicode name is converted first.
              const auto parsed = parse_host(req.param("host"), false);
              const auto host = parsed.host.value_or(req.param("host"));
              const auto v = service->verify(req.actor(), req.org_id, req.param("appId"), host);
              return http::Response::json(200, verification_json(v.host, v));
            })
      .permission("domains:write")
      .blocking();
}

}  // namespace cove::domains
