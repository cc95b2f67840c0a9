#include "modules/review/review_repo.hpp"

namespace cove::review::review_repo {

namespace {
const std::string kColumns =
    "id, org_id, app_id, app_name, version_id, version, status, notes, test_account, expedite, release_on_approval, "
    "submitted_by, checks_lease_ms, claimed_by, claimed_by_name, claim_expires_ms, decided_by, decided_ms, "
    "reason_category, reason, created_ms, updated_ms";
const std::string kSelect = "SELECT " + kColumns + " FROM reviews ";
}  // namespace

void read_row(core::Row& r, Review& v) {
  std::optional<std::int64_t> claim_expires, decided;
  r.read(v.id, v.org_id, v.app_id, v.app_name, v.version_id, v.version, v.status, v.notes, v.test_account, v.expedite,
         v.release_on_approval, v.submitted_by, v.checks_lease_ms, v.claimed_by, v.claimed_by_name, claim_expires,
         v.decided_by, decided, v.reason_category, v.reason, v.created_ms, v.updated_ms);
  v.claim_expires_ms = claim_expires.value_or(0);
  v.decided_ms = decided.value_or(0);
}

void read_row(core::Row& r, CheckResult& c) {
  nlohmann::json evidence;
  r.read(c.name, c.result, c.summary, evidence, c.details);
  for (const auto& e : evidence)
    c.evidence.push_back({e.value("file", ""), e.value("line", std::int64_t{0}), e.value("excerpt", "")});
}

void read_row(core::Row& r, HistoryEntry& h) { r.read(h.seq, h.at_ms, h.actor_id, h.actor_name, h.action, h.detail); }

std::optional<Review> find(core::Conn& c, const std::string& review_id) {
  return c.query_one<Review>(kSelect + "WHERE id = ?", review_id);
}

std::optional<Review> find_in_org(core::Conn& c, const std::string& org_id, const std::string& review_id) {
  return c.query_one<Review>(kSelect + "WHERE id = ? AND org_id = ?", review_id, org_id);
}

std::optional<Review> open_for_app(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  return c.query_one<Review>(kSelect + "WHERE org_id = ? AND app_id = ? AND status IN ('submitted', 'in_review')",
                             org_id, app_id);
}

std::optional<std::string> open_for_version(core::Conn& c, const std::string& version_id) {
  return c.query_one<std::string>(
      "SELECT id FROM reviews WHERE version_id = ? AND status IN ('submitted', 'in_review') LIMIT 1", version_id);
}

core::Page<Review> list_for_app(core::Conn& c, const std::string& org_id, const std::string& app_id,
                                const core::PageRequest& page) {
  return c.query_page<Review>("SELECT " + kColumns, "FROM reviews WHERE org_id = ?1 AND app_id = ?2",
                              core::newest_first_page_sql("", 3), page, org_id, app_id);
}

core::Page<Review> queue(core::Conn& c, const QueueFilter& f, const core::PageRequest& page) {
  std::optional<std::int64_t> expedited;
  if (f.expedited) expedited = *f.expedited ? 1 : 0;
  return c.query_page<Review>("SELECT " + kColumns,
                              "FROM reviews WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR org_id = ?2) "
                              "AND (?3 IS NULL OR expedite = ?3)",
                              core::oldest_first_page_sql("", 4), page, f.status, f.org_id, expedited);
}

std::vector<Review> awaiting_checks(core::Conn& c, std::int64_t now_ms, int limit) {
  return c.query_all<Review>(
      kSelect + "WHERE status = 'submitted' AND checks_lease_ms < ? ORDER BY created_ms, id LIMIT ?", now_ms, limit);
}

std::int64_t count_status(core::Conn& c, const std::string& status) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM reviews WHERE status = ?", status);
}

void insert(core::Tx& tx, const Review& r) {
  tx.exec("INSERT INTO reviews(" + kColumns +
              ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          r.id, r.org_id, r.app_id, r.app_name, r.version_id, r.version, r.status, r.notes,
          core::null_if_null(r.test_account), r.expedite, r.release_on_approval, r.submitted_by, r.checks_lease_ms,
          core::null_if_empty(r.claimed_by), core::null_if_empty(r.claimed_by_name),
          core::null_if_zero(r.claim_expires_ms), core::null_if_empty(r.decided_by), core::null_if_zero(r.decided_ms),
          core::null_if_empty(r.reason_category), core::null_if_empty(r.reason), r.created_ms, r.updated_ms);
}

void update(core::Tx& tx, const Review& r) {
  tx.exec(
      "UPDATE reviews SET status = ?, checks_lease_ms = ?, claimed_by = ?, claimed_by_name = ?, claim_expires_ms = ?, "
      "decided_by = ?, decided_ms = ?, reason_category = ?, reason = ?, updated_ms = ? WHERE id = ?",
      r.status, r.checks_lease_ms, core::null_if_empty(r.claimed_by), core::null_if_empty(r.claimed_by_name),
      core::null_if_zero(r.claim_expires_ms), core::null_if_empty(r.decided_by), core::null_if_zero(r.decided_ms),
      core::null_if_empty(r.reason_category), core::null_if_empty(r.reason), r.updated_ms, r.id);
}

std::vector<CheckResult> checks(core::Conn& c, const std::string& review_id) {
  return c.query_all<CheckResult>(
      "SELECT name, result, summary, evidence, details FROM review_checks WHERE review_id = ? ORDER BY position",
      review_id);
}

void replace_checks(core::Tx& tx, const std::string& review_id, const std::vector<CheckResult>& checks) {
  tx.exec("DELETE FROM review_checks WHERE review_id = ?", review_id);
  int position = 0;
  for (const auto& c : checks) {
    auto evidence = nlohmann::json::array();
    for (const auto& e : c.evidence) evidence.push_back({{"file", e.file}, {"line", e.line}, {"excerpt", e.excerpt}});
    tx.exec(
        "INSERT INTO review_checks(review_id, position, name, result, summary, evidence, details) "
        "VALUES(?, ?, ?, ?, ?, ?, ?)",
        review_id, position++, c.name, c.result, c.summary, evidence, c.details);
  }
}

void add_file(core::Tx& tx, const std::string& review_id, const CaseFile& f) {
  tx.exec(
      "INSERT INTO review_files(review_id, sha256, name, content_type, size) VALUES(?, ?, ?, ?, ?) "
      "ON CONFLICT(review_id, sha256) DO NOTHING",
      review_id, f.sha256, f.name, f.content_type, f.size);
}

std::vector<CaseFile> files(core::Conn& c, const std::string& review_id) {
  std::vector<CaseFile> out;
  c.for_each("SELECT sha256, name, content_type, size FROM review_files WHERE review_id = ? ORDER BY name",
             [&](core::Row& r) {
               CaseFile f;
               r.read(f.sha256, f.name, f.content_type, f.size);
               out.push_back(std::move(f));
             },
             review_id);
  return out;
}

bool references_blob(core::Conn& c, const std::string& sha256) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM review_files WHERE sha256 = ?", sha256) > 0;
}

std::vector<HistoryEntry> history(core::Conn& c, const std::string& review_id) {
  return c.query_all<HistoryEntry>(
      "SELECT seq, at_ms, actor_id, actor_name, action, detail FROM review_history WHERE review_id = ? ORDER BY seq",
      review_id);
}

void add_history(core::Tx& tx, const std::string& review_id, const HistoryEntry& h) {
  tx.exec(
      "INSERT INTO review_history(review_id, seq, at_ms, actor_id, actor_name, action, detail) "
      "VALUES(?1, (SELECT coalesce(max(seq), 0) + 1 FROM review_history WHERE review_id = ?1), ?2, ?3, ?4, ?5, ?6)",
      review_id, h.at_ms, h.actor_id, h.actor_name, h.action, h.detail);
}

}  // namespace cove::review::review_repo
