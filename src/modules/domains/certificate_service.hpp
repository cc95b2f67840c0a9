#pragma once
// Certificates (issue 15, 证书管理). Operators store the platform's certificates with their
// private key (sealed at rest with a key from the secret store); organisations store
// certificates of their own service domains for information and expiry alerts (no key). A daily
// job announces certificate.expiring at 30, 14, 7 and 1 days left and certificate.expired, each
// threshold once per certificate.
#include <functional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/sealed_box.hpp"
#include "modules/domains/certificate_csr.hpp"
#include "modules/domains/certificate_model.hpp"
#include "modules/domains/certificate_request_model.hpp"

namespace cove::domains {

struct CertificateUpload {
  std::string chain_pem;
  std::optional<std::string> key_pem;  // platform: required
};

class CertificateService {
 public:
  CertificateService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const core::SealedBox& seal)
      : db_(db), changes_(changes), clock_(clock), seal_(seal) {}

  // `org_id` "" stores a platform certificate (a key is required); else an organisation's (no key).
  Certificate add(const core::Actor& actor, const std::string& org_id, const CertificateUpload& upload);
  std::vector<Certificate> list(const std::string& org_id) const;
  Certificate get(const std::string& org_id, const std::string& id) const;
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& id);
  // Certificate signing requests (platform only): Cove generates and seals the key, answers the
  // PKCS#10 request; complete_request() takes the certificate the CA signed for that key (it must
  // match: certificates.key_mismatch), stores it as a platform certificate with the key and drops
  // the request, in one transaction.
  CertificateRequest create_request(const core::Actor& actor, const CsrSpec& spec);
  std::vector<CertificateRequest> list_requests() const;
  CertificateRequest get_request(const std::string& id) const;
  void remove_request(const core::Actor& actor, const std::string& id);
  Certificate complete_request(const core::Actor& actor, const std::string& id, const std::string& chain_pem);

  // The expiry alerts due now; returns how many were announced.
  int announce_expiry();
  // The private key of a platform certificate, opened (for serving).
  std::optional<std::string> key_of(const Certificate& c) const { return seal_.open(c.sealed_key); }
  std::int64_t now_ms() const { return clock_.unix_millis(); }
  // Called after a change to the platform's certificates has committed (to serve them by SNI).
  void on_platform_change(std::function<void()> fn) { platform_changed_ = std::move(fn); }

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const core::SealedBox& seal_;
  std::function<void()> platform_changed_;
};

}  // namespace cove::domains
