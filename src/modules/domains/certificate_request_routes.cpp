// Certificate signing requests (operators): Cove generates the key of a platform certificate and
// a PKCS#10 request for a CA; the signed certificate uploaded later completes it. The key is never
// answered. Generating an RSA key takes up to a second: that route runs on the worker pool.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/json_input.hpp"
#include "modules/domains/domain_name.hpp"
#include "modules/domains/domains_routes.hpp"

namespace cove::domains {

namespace {

constexpr std::size_t kBodyLimit = 128 * 1024;

std::string read_subject_field(core::JsonInput& in, const char* name, std::size_t max_chars) {
  return in.optional_string(name, {.min_chars = 1, .max_chars = max_chars}).value_or("");
}

CsrSpec read_spec(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  CsrSpec spec;
  const auto type = in.required_string("keyType", {.min_chars = 1, .max_chars = 20});
  if (const auto t = csr_key_type_from(type)) {
    spec.key_type = *t;
  } else if (!type.empty()) {
    in.add_error("keyType", "unknown_value", "One of RSA-2048, RSA-3072, EC-P256");
  }
  const auto* names = in.take("names");
  if (names == nullptr || names->is_null()) {
    in.add_error("names", "required", "Give the DNS names the certificate is for");
  } else if (!names->is_array() || names->empty() || names->size() > kMaxCsrNames) {
    in.add_error("names", "invalid_type", fmt::format("Give 1 to {} DNS names", kMaxCsrNames));
  } else {
    for (std::size_t i = 0; i < names->size(); ++i) {
      const auto& n = (*names)[i];
      const auto field = fmt::format("names[{}]", i);
      if (!n.is_string() || n.get<std::string>().size() > kMaxDomainInputBytes) {
        in.add_error(field, "invalid_type", "A DNS name");
        continue;
      }
      // A CA issues for a wildcard one label deep, as the SNI selection serves it.
      const auto host = parse_host(n.get<std::string>(), true);
      if (!host.host) {
        in.add_error(field, host.error.code, host.error.message);
      } else if (std::find(spec.names.begin(), spec.names.end(), *host.host) == spec.names.end()) {
        spec.names.push_back(*host.host);
      }
    }
  }
  if (auto subject = in.object("subject", false)) {
    auto& s = spec.subject;
    // The X.520 upper bounds (ub-common-name 64, ub-organization-name 64, …).
    s.common_name = read_subject_field(*subject, "commonName", 64);
    s.organization = read_subject_field(*subject, "organization", 64);
    s.organizational_unit = read_subject_field(*subject, "organizationalUnit", 64);
    s.locality = read_subject_field(*subject, "locality", 128);
    s.state = read_subject_field(*subject, "state", 128);
    s.country = read_subject_field(*subject, "country", 2);
    if (!s.country.empty() &&
        (s.country.size() != 2 || !std::isupper(static_cast<unsigned char>(s.country[0])) ||
         !std::isupper(static_cast<unsigned char>(s.country[1])))) {
      subject->add_error(subject->field_name("country"), "invalid_country", "Two capital letters (ISO 3166), as CN");
    }
    if (!s.common_name.empty()) {
      const auto cn = parse_host(s.common_name, true);
      // CAs require the common name to be one of the names (browsers read only the names).
      if (!cn.host || std::find(spec.names.begin(), spec.names.end(), *cn.host) == spec.names.end()) {
        subject->add_error(subject->field_name("commonName"), "not_in_names", "The common name must be one of the names");
      } else {
        s.common_name = *cn.host;
      }
    }
    subject->check_unknown();
  }
  in.finish();
  return spec;
}

nlohmann::json list_json(const std::vector<CertificateRequest>& rows) {
  auto items = nlohmann::json::array();
  for (const auto& r : rows) items.push_back(to_json(r));
  const auto total = items.size();
  return {{"items", std::move(items)}, {"nextCursor", nullptr}, {"total", total}};
}

}  // namespace

void mount_certificate_request_routes(http::Router& router, const DomainsServices& s) {
  CertificateService* service = &s.certificates;
  auto group = router.group("/api/v1/platform/certificate-requests");
  group.get("", [service](http::Request&) { return http::Response::json(200, list_json(service->list_requests())); })
      .permission("platform:read");
  group
      .post("",
            [service](http::Request& req) {
              return http::Response::json(201, to_json(service->create_request(req.actor(), read_spec(req))));
            })
      .permission("platform:domains")
      .body_limit(16 * 1024)
      .blocking();
  group
      .get("/{requestId}",
           [service](http::Request& req) { return http::Response::json(200, to_json(service->get_request(req.param("requestId")))); })
      .permission("platform:read");
  group
      .get("/{requestId}/csr",
           [service](http::Request& req) {
             const auto r = service->get_request(req.param("requestId"));
             auto res = http::Response::text(200, r.csr_pem, "application/pkcs10");
             res.headers.set("Content-Disposition", fmt::format("attachment; filename=\"{}.csr\"", r.id));
             return res;
           })
      .permission("platform:read");
  group
      .post("/{requestId}/certificate",
            [service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto chain = in.required_string(
                  "certificate", {.min_chars = 1, .max_chars = kMaxChainPemBytes, .multiline = true});
              in.finish();
              const auto c = service->complete_request(req.actor(), req.param("requestId"), chain);
              return http::Response::json(201, to_json(c, service->now_ms()));
            })
      .permission("platform:domains")
      .body_limit(kBodyLimit);
  group
      .del("/{requestId}",
           [service](http::Request& req) {
             service->remove_request(req.actor(), req.param("requestId"));
             return http::Response::no_content();
           })
      .permission("platform:domains");
}

}  // namespace cove::domains
