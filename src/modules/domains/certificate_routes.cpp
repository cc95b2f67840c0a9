// Certificates: the platform's (operators; with the private key, never answered back) and an
// organisation's own (information and expiry alerts). Lists are small and answered whole, the
// soonest expiry first.
#include "core/json_input.hpp"
#include "modules/domains/domains_routes.hpp"

namespace cove::domains {

namespace {

constexpr std::size_t kBodyLimit = 128 * 1024;

CertificateUpload read_upload(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  CertificateUpload u;
  u.chain_pem = in.required_string("certificate", {.min_chars = 1, .max_chars = kMaxChainPemBytes, .multiline = true});
  u.key_pem = in.optional_string("privateKey", {.min_chars = 1, .max_chars = kMaxKeyPemBytes, .multiline = true});
  in.finish();
  return u;
}

nlohmann::json list_json(const std::vector<Certificate>& rows, std::int64_t now_ms) {
  auto items = nlohmann::json::array();
  for (const auto& c : rows) items.push_back(to_json(c, now_ms));
  const auto total = items.size();
  return {{"items", std::move(items)}, {"nextCursor", nullptr}, {"total", total}};
}

}  // namespace

void mount_certificate_routes(http::Router& router, const DomainsServices& s) {
  CertificateService* service = &s.certificates;
  for (const bool platform : {true, false}) {
    auto group = router.group(platform ? "/api/v1/platform/certificates" : "/api/v1/orgs/{orgId}/certificates");
    const auto scope = [platform](const http::Request& req) { return platform ? std::string() : req.org_id; };
    group.get("",
              [service, scope](http::Request& req) {
                return http::Response::json(200, list_json(service->list(scope(req)), service->now_ms()));
              })
        .permission(platform ? "platform:read" : "apps:read");
    group
        .post("",
              [service, scope](http::Request& req) {
                const auto c = service->add(req.actor(), scope(req), read_upload(req));
                return http::Response::json(201, to_json(c, service->now_ms()));
              })
        .permission(platform ? "platform:domains" : "domains:write")
        .body_limit(kBodyLimit);
    group
        .get("/{certificateId}",
             [service, scope](http::Request& req) {
               auto body = to_json(service->get(scope(req), req.param("certificateId")), service->now_ms());
               body["chain"] = service->get(scope(req), req.param("certificateId")).chain_pem;
               return http::Response::json(200, body);
             })
        .permission(platform ? "platform:read" : "apps:read");
    group
        .del("/{certificateId}",
             [service, scope](http::Request& req) {
               service->remove(req.actor(), scope(req), req.param("certificateId"));
               return http::Response::no_content();
             })
        .permission(platform ? "platform:domains" : "domains:write");
  }
}

}  // namespace cove::domains
