#include "modules/domains/verification_repo.hpp"

namespace cove::domains {

void read_row(core::Row& r, Verification& v) {
  r.read(v.org_id, v.host, v.status, v.checked_ms, v.verified_ms, v.failure);  // NULL reads as 0
}

namespace verification_repo {

namespace {

const std::string kSelect =
    "SELECT org_id, host, status, checked_ms, verified_ms, failure FROM webview_verifications ";

}  // namespace

std::optional<Verification> find(core::Conn& c, const std::string& org_id, const std::string& host) {
  return c.query_one<Verification>(kSelect + "WHERE org_id = ? AND host = ?", org_id, host);
}

std::vector<Verification> in_org(core::Conn& c, const std::string& org_id) {
  return c.query_all<Verification>(kSelect + "WHERE org_id = ? ORDER BY host", org_id);
}

void upsert(core::Tx& tx, const Verification& v) {
  tx.exec(
      "INSERT INTO webview_verifications(org_id, host, status, checked_ms, verified_ms, failure) "
      "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(org_id, host) DO UPDATE SET status = excluded.status, "
      "checked_ms = excluded.checked_ms, verified_ms = excluded.verified_ms, failure = excluded.failure",
      v.org_id, v.host, v.status, v.checked_ms, core::null_if_zero(v.verified_ms), v.failure);
}

std::vector<Verification> due(core::Conn& c, std::int64_t before_ms, int limit) {
  return c.query_all<Verification>(
      kSelect + "WHERE status = 'verified' AND checked_ms < ? ORDER BY checked_ms LIMIT ?", before_ms,
      static_cast<std::int64_t>(limit));
}

bool declared_in_org(core::Conn& c, const std::string& org_id, const std::string& host) {
  return c.query_one<int>("SELECT 1 FROM app_domains WHERE org_id = ? AND kind = 'webview' AND host = ? LIMIT 1",
                          org_id, host)
      .has_value();
}

}  // namespace verification_repo

}  // namespace cove::domains
