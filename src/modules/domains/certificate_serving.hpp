#pragma once
// Feeds the platform's certificates to the server's SNI registry (http::SniCertificates): at start,
// after every change to the platform's certificates, and with the hourly expiry job (so a
// certificate that just expired yields to a valid one for the same name).
#include <mutex>

#include "http/sni_certificates.hpp"
#include "modules/domains/certificate_service.hpp"

namespace cove::domains {

class CertificateServing {
 public:
  CertificateServing(CertificateService& certificates, http::SniCertificates& sni)
      : certificates_(certificates), sni_(sni) {}

  // Reads the platform's certificates and replaces the served set. Where several cover a name,
  // a valid one wins over an expired one, then the newest upload (so uploading a renewed
  // certificate replaces the old one at once). Returns how many certificates are served.
  std::size_t refresh();

 private:
  CertificateService& certificates_;
  http::SniCertificates& sni_;
  // Two refreshes at once must not let the older read be stored last.
  std::mutex mutex_;
};

}  // namespace cove::domains
