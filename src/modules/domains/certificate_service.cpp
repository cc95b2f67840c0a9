#include "modules/domains/certificate_service.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/domains/certificate_repo.hpp"
#include "modules/domains/certificate_request_repo.hpp"
#include "modules/domains/domains_api.hpp"

namespace cove::domains {

namespace {

core::Error not_found() { return core::Error::not_found("certificates.not_found", "No such certificate"); }
core::Error request_not_found() {
  return core::Error::not_found("certificates.request_not_found", "No such certificate signing request");
}

void check_room(core::Conn& c, const std::string& org_id) {
  if (certificate_repo::count(c, org_id) >= static_cast<std::int64_t>(kMaxCertificates)) {
    throw core::Error(409, "certificates.too_many", fmt::format("At most {} certificates", kMaxCertificates),
                      {{"limit", kMaxCertificates}});
  }
}

nlohmann::json request_summary(const CertificateRequest& r) {
  return {{"names", r.names}, {"keyType", r.key_type}, {"subject", r.subject}};
}

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
    check_room(tx, org_id);
    certificate_repo::insert(tx, c);
    changes_.record(tx, actor, event_of<events::CertificateCreated>(c, 0),
                    {.org_id = org_id, .target_type = "certificate", .target_id = c.id, .after = summary(c)});
  });
  if (platform && platform_changed_) platform_changed_();
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
  if (org_id.empty() && platform_changed_) platform_changed_();
}

CertificateRequest CertificateService::create_request(const core::Actor& actor, const CsrSpec& spec) {
  // Key generation takes up to a second for RSA-3072: before the transaction, not inside it.
  auto generated = generate_csr(spec);
  CertificateRequest r;
  r.id = core::new_id("csr");
  r.key_type = csr_key_type_name(spec.key_type);
  r.key_bits = generated.key_bits;
  r.subject = std::move(generated.subject);
  r.names = spec.names;
  r.csr_pem = std::move(generated.csr_pem);
  r.sealed_key = seal_.seal(generated.key_pem);
  r.created_by = actor.principal->id;
  r.created_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    if (certificate_request_repo::count(tx) >= static_cast<std::int64_t>(kMaxCertificateRequests)) {
      throw core::Error(409, "certificates.too_many_requests",
                        fmt::format("At most {} pending signing requests", kMaxCertificateRequests),
                        {{"limit", kMaxCertificateRequests}});
    }
    certificate_request_repo::insert(tx, r);
    changes_.record(tx, actor,
                    {.action = "certificate_request.created", .target_type = "certificate_request",
                     .target_id = r.id, .after = request_summary(r)});
  });
  return r;
}

std::vector<CertificateRequest> CertificateService::list_requests() const {
  return db_.read([&](core::Conn& c) { return certificate_request_repo::list(c); });
}

CertificateRequest CertificateService::get_request(const std::string& id) const {
  auto r = db_.read([&](core::Conn& c) { return certificate_request_repo::find(c, id); });
  if (!r) throw request_not_found();
  return *r;
}

void CertificateService::remove_request(const core::Actor& actor, const std::string& id) {
  db_.write([&](core::Tx& tx) {
    const auto r = certificate_request_repo::find(tx, id);
    if (!r) throw request_not_found();
    certificate_request_repo::remove(tx, id);
    changes_.record(tx, actor,
                    {.action = "certificate_request.deleted", .target_type = "certificate_request",
                     .target_id = id, .before = request_summary(*r)});
  });
}

Certificate CertificateService::complete_request(const core::Actor& actor, const std::string& id,
                                                 const std::string& chain_pem) {
  const auto request = get_request(id);
  const auto key = seal_.open(request.sealed_key);
  if (!key) throw std::runtime_error("certificate request " + id + ": the sealed key cannot be opened");
  auto parsed = parse_certificate(chain_pem, *key, clock_.unix_millis());
  Certificate c;
  c.id = core::new_id("crt");
  c.scope = "platform";
  c.info = std::move(parsed.info);
  c.chain_pem = std::move(parsed.chain_pem);
  c.sealed_key = request.sealed_key;
  c.created_by = actor.principal->id;
  c.created_ms = clock_.unix_millis();
  auto after = summary(c);
  after["fromRequest"] = id;
  db_.write([&](core::Tx& tx) {
    // Completed or deleted by someone else meanwhile.
    if (!certificate_request_repo::find(tx, id)) throw request_not_found();
    check_room(tx, "");
    certificate_repo::insert(tx, c);
    certificate_request_repo::remove(tx, id);
    changes_.record(tx, actor, event_of<events::CertificateCreated>(c, 0),
                    {.target_type = "certificate", .target_id = c.id,
                     .after = std::move(after)});
  });
  if (platform_changed_) platform_changed_();
  return c;
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
