#pragma once
// Certificates (issue 15, 证书管理). Operators store the platform's certificates with their
// private key (sealed at rest with a key from the secret store); organisations store
// certificates of their own service domains for information and expiry alerts (no key). A daily
// job announces certificate.expiring at 30, 14, 7 and 1 days left and certificate.expired, each
// threshold once per certificate.
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/sealed_box.hpp"
#include "modules/domains/certificate_model.hpp"

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
  // The expiry alerts due now; returns how many were announced.
  int announce_expiry();
  // The private key of a platform certificate, opened (for serving).
  std::optional<std::string> key_of(const Certificate& c) const { return seal_.open(c.sealed_key); }
  std::int64_t now_ms() const { return clock_.unix_millis(); }

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const core::SealedBox& seal_;
};

}  // namespace cove::domains
