#include "modules/domains/certificate_request_repo.hpp"

#include "core/clock.hpp"

namespace cove::domains {

void read_row(core::Row& r, CertificateRequest& c) {
  r.read(c.id, c.key_type, c.key_bits, c.subject, c.names, c.csr_pem, c.sealed_key, c.created_by, c.created_ms);
}

nlohmann::json to_json(const CertificateRequest& r) {
  return {{"id", r.id},           {"keyType", r.key_type}, {"keyBits", r.key_bits},
          {"subject", r.subject}, {"names", r.names},      {"csr", r.csr_pem},
          {"createdAt", core::format_rfc3339_millis(r.created_ms)}};
}

namespace certificate_request_repo {

namespace {

const std::string kSelect =
    "SELECT id, key_type, key_bits, subject, names, csr_pem, sealed_key, created_by, created_ms "
    "FROM certificate_requests ";

}  // namespace

std::vector<CertificateRequest> list(core::Conn& c) {
  return c.query_all<CertificateRequest>(kSelect + "ORDER BY created_ms DESC, id");
}

std::optional<CertificateRequest> find(core::Conn& c, const std::string& id) {
  return c.query_one<CertificateRequest>(kSelect + "WHERE id = ?", id);
}

std::int64_t count(core::Conn& c) { return c.query_value<std::int64_t>("SELECT count(*) FROM certificate_requests"); }

void insert(core::Tx& tx, const CertificateRequest& r) {
  tx.exec(
      "INSERT INTO certificate_requests(id, key_type, key_bits, subject, names, csr_pem, sealed_key, created_by, "
      "created_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
      r.id, r.key_type, static_cast<std::int64_t>(r.key_bits), r.subject, nlohmann::json(r.names), r.csr_pem,
      r.sealed_key, r.created_by, r.created_ms);
}

void remove(core::Tx& tx, const std::string& id) { tx.exec("DELETE FROM certificate_requests WHERE id = ?", id); }

}  // namespace certificate_request_repo

}  // namespace cove::domains
