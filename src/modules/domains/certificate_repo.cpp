#include "modules/domains/certificate_repo.hpp"

namespace cove::domains {

void read_row(core::Row& r, Certificate& c) {
  auto& i = c.info;
  std::int64_t self_signed = 0;
  r.read(c.id, c.scope, c.org_id, i.names, i.subject, i.issuer, i.serial, i.not_before_ms, i.not_after_ms, i.key_type,
         i.key_bits, i.fingerprint, self_signed, c.chain_pem, c.sealed_key, c.notified_days, c.created_by,
         c.created_ms);
  i.self_signed = self_signed != 0;
}

namespace certificate_repo {

namespace {

const std::string kSelect =
    "SELECT id, scope, coalesce(org_id, ''), names, subject, issuer, serial, not_before_ms, not_after_ms, key_type, "
    "key_bits, fingerprint, self_signed, chain_pem, coalesce(sealed_key, ''), notified_days, created_by, created_ms "
    "FROM certificates ";
// Platform certificates have no organisation: '' selects them.
const std::string kScope = "coalesce(org_id, '') = ? ";

}  // namespace

std::vector<Certificate> list(core::Conn& c, const std::string& org_id) {
  return c.query_all<Certificate>(kSelect + "WHERE " + kScope + "ORDER BY not_after_ms, id", org_id);
}

std::optional<Certificate> find(core::Conn& c, const std::string& org_id, const std::string& id) {
  return c.query_one<Certificate>(kSelect + "WHERE " + kScope + "AND id = ?", org_id, id);
}

std::int64_t count(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM certificates WHERE " + kScope, org_id);
}

void insert(core::Tx& tx, const Certificate& cert) {
  const auto& i = cert.info;
  tx.exec(
      "INSERT INTO certificates(id, scope, org_id, names, subject, issuer, serial, not_before_ms, not_after_ms, "
      "key_type, key_bits, fingerprint, self_signed, chain_pem, sealed_key, notified_days, created_by, created_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
      cert.id, cert.scope, core::null_if_empty(cert.org_id), nlohmann::json(i.names), i.subject, i.issuer, i.serial,
      i.not_before_ms, i.not_after_ms, i.key_type, static_cast<std::int64_t>(i.key_bits), i.fingerprint,
      i.self_signed, cert.chain_pem, core::null_if_empty(cert.sealed_key), cert.created_by, cert.created_ms);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& id) {
  tx.exec("DELETE FROM certificates WHERE " + kScope + "AND id = ?", org_id, id);
}

void set_notified(core::Tx& tx, const std::string& id, int days) {
  tx.exec("UPDATE certificates SET notified_days = ? WHERE id = ?", static_cast<std::int64_t>(days), id);
}

std::vector<Certificate> all(core::Conn& c) { return c.query_all<Certificate>(kSelect + "ORDER BY not_after_ms, id"); }

}  // namespace certificate_repo

}  // namespace cove::domains
