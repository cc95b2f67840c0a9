#include "modules/domains/certificate_service.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/domains/certificate_repo.hpp"
#include "modules/domains/domains_api.hpp"

namespace cove::domains {

namespace {

core::Error not_found() { return core::Error::not_found("certificates.not_found", "No such certificate"); }

template <class E>
E event_of(const Certificate& c, std::int64_t days_left) {
  return {c.id, c.scope, c.org_id, c.info.names, core::format_rfc3339_millis(c.info.not_after_ms), days_left};
}

nlohmann::json summary(const Certificate& c) {
  return {{"names", c.info.names}, {"fingerprint", c.info.fingerprint},
          {"notAfter", core::format_rfc3339_millis(c.info.not_after_ms)}};
}

}  // namespace

Certificate CertificateService::add(const core::Actor& actor, const std::string& org_id,
                                    const CertificateUpload& upload) {
  const bool platform = org_id.empty();
  if (platform && !upload.key_pem) {
    core::FieldErrors errors;
    errors.add("privateKey", "required", "The platform's certificates are served: give the private key");
    errors.throw_if_any();
  }
  // An organisation's certificate is information only: a key sent along is not kept.
  auto parsed = parse_certificate(upload.chain_pem, platform ? upload.key_pem : std::nullopt, clock_.unix_millis());
  Certificate c;
  c.id = core::new_id("crt");
  c.scope = platform ? "platform" : "org";
  c.org_id = org_id;
  c.info = std::move(parsed.info);
  c.chain_pem = std::move(parsed.chain_pem);
  if (platform) c.sealed_key = seal_.seal(parsed.key_pem);
  c.created_by = actor.principal->id;
  c.created_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    if (certificate_repo::count(tx, org_id) >= static_cast<std::int64_t>(kMaxCertificates)) {
      throw core::Error(409, "certificates.too_many", fmt::format("At most {} certificates", kMaxCertificates),
                        {{"limit", kMaxCertificates}});
    }
    certificate_repo::insert(tx, c);
    changes_.record(tx, actor, event_of<events::CertificateCreated>(c, 0),
                    {.org_id = org_id, .target_type = "certificate", .target_id = c.id, .after = summary(c)});
  });
  return c;
}

std::vector<Certificate> CertificateService::list(const std::string& org_id) const {
  return db_.read([&](core::Conn& c) { return certificate_repo::list(c, org_id); });
}

Certificate CertificateService::get(const std::string& org_id, const std::string& id) const {
  auto c = db_.read([&](core::Conn& conn) { return certificate_repo::find(conn, org_id, id); });
  if (!c) throw not_found();
  return *c;
}

void CertificateService::remove(const core::Actor& actor, const std::string& org_id, const std::string& id) {
  db_.write([&](core::Tx& tx) {
    const auto c = certificate_repo::find(tx, org_id, id);
    if (!c) throw not_found();
    certificate_repo::remove(tx, org_id, id);
    changes_.record(tx, actor, event_of<events::CertificateDeleted>(*c, 0),
                    {.org_id = org_id, .target_type = "certificate", .target_id = id, .before = summary(*c)});
  });
}

int CertificateService::announce_expiry() {
  const auto now = clock_.unix_millis();
  int announced = 0;
  db_.write([&](core::Tx& tx) {
    for (const auto& c : certificate_repo::all(tx)) {
      const auto left_ms = c.info.not_after_ms - now;
      if (left_ms <= 0) {
        if (c.notified_days == -1) continue;  // the expiry itself was announced
        changes_.announce(tx, event_of<events::CertificateExpired>(c, 0));
        certificate_repo::set_notified(tx, c.id, -1);
        ++announced;
        continue;
      }
      // The smallest threshold reached and not yet announced (a job that was down catches up with
      // one event, not four).
      int due = 0;
      for (const int days : kExpiryThresholdDays) {
        if (left_ms <= std::int64_t{days} * 86400000) due = days;
      }
      if (due == 0 || (c.notified_days != 0 && c.notified_days <= due)) continue;
      changes_.announce(tx, event_of<events::CertificateExpiring>(c, left_ms / 86400000));
      certificate_repo::set_notified(tx, c.id, due);
      ++announced;
    }
  });
  return announced;
}

}  // namespace cove::domains
