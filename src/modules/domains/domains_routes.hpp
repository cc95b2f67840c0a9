#pragma once
// Each feature's mount function (called from DomainsModule::register_routes).
#include "http/router.hpp"
#include "modules/domains/certificate_service.hpp"
#include "modules/domains/domain_service.hpp"
#include "modules/domains/platform_list_service.hpp"
#include "modules/domains/verification_service.hpp"

namespace cove::domains {

// The module's services, built once by DomainsModule; every mount takes them.
struct DomainsServices {
  DomainService& domains;
  PlatformListService& lists;
  VerificationService& verification;
  CertificateService& certificates;
};

void mount_domain_routes(http::Router& router, const DomainsServices& s);
void mount_platform_list_routes(http::Router& router, const DomainsServices& s);
void mount_verification_routes(http::Router& router, const DomainsServices& s);
void mount_certificate_routes(http::Router& router, const DomainsServices& s);
void mount_certificate_request_routes(http::Router& router, const DomainsServices& s);

}  // namespace cove::domains
