#include "modules/review/case_repo.hpp"

namespace cove::review::case_repo {

namespace {
const std::string kColumns =
    "id, org_id, app_id, app_name, status, report_count, open_reports, categories, resolution, decided_by, "
    "decided_ms, takedowns, last_report_ms, created_ms, updated_ms";
const std::string kSelect = "SELECT " + kColumns + " FROM violation_cases ";
const std::string kReportColumns =
    "id, case_id, source, category, text, uid, device_id, host_app_id, reporter_id, reporter_org, screenshots, "
    "created_ms";
const std::string kAppealColumns =
    "id, case_id, takedown, status, text, attachments, filed_by, decided_by, decision, created_ms, decided_ms";

std::vector<std::string> hashes(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& h : j) out.push_back(h.get<std::string>());
  return out;
}
}  // namespace

void read_row(core::Row& r, ViolationCase& v) {
  std::optional<std::int64_t> decided;
  r.read(v.id, v.org_id, v.app_id, v.app_name, v.status, v.report_count, v.open_reports, v.categories, v.resolution,
         v.decided_by, decided, v.takedowns, v.last_report_ms, v.created_ms, v.updated_ms);
  v.decided_ms = decided.value_or(0);
}

void read_row(core::Row& r, ViolationReport& v) {
  nlohmann::json shots;
  r.read(v.id, v.case_id, v.source, v.category, v.text, v.uid, v.device_id, v.host_app_id, v.reporter_id,
         v.reporter_org, shots, v.created_ms);
  v.screenshots = hashes(shots);
}

void read_row(core::Row& r, CaseHistoryEntry& h) {
  r.read(h.seq, h.at_ms, h.actor_id, h.actor_name, h.action, h.detail);
}

void read_row(core::Row& r, Appeal& a) {
  nlohmann::json files;
  std::optional<std::int64_t> decided;
  r.read(a.id, a.case_id, a.takedown, a.status, a.text, files, a.filed_by, a.decided_by, a.decision, a.created_ms,
         decided);
  a.attachments = hashes(files);
  a.decided_ms = decided.value_or(0);
}

void read_row(core::Row& r, CaseFile& f) { r.read(f.sha256, f.name, f.content_type, f.size); }

std::optional<ViolationCase> find(core::Conn& c, const std::string& case_id) {
  return c.query_one<ViolationCase>(kSelect + "WHERE id = ?", case_id);
}

std::optional<ViolationCase> find_for_app(core::Conn& c, const std::string& app_id) {
  return c.query_one<ViolationCase>(kSelect + "WHERE app_id = ?", app_id);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& case_id) {
  return c.query_one<std::string>("SELECT org_id FROM violation_cases WHERE id = ?", case_id);
}

core::Page<ViolationCase> list(core::Conn& c, const CaseFilter& f, const core::PageRequest& page) {
  return c.query_page<ViolationCase>("SELECT " + kColumns,
                                     "FROM violation_cases WHERE (?1 IS NULL OR status = ?1) AND "
                                     "(?2 IS NULL OR org_id = ?2) AND (?3 IS NULL OR app_id = ?3)",
                                     core::newest_first_page_sql("", 4), page, f.status, f.org_id, f.app_id);
}

std::int64_t count_status(core::Conn& c, const std::string& status) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM violation_cases WHERE status = ?", status);
}

std::int64_t count_pending_appeals(core::Conn& c) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM case_appeals WHERE status = 'pending'");
}

void insert(core::Tx& tx, const ViolationCase& v) {
  tx.exec("INSERT INTO violation_cases(" + kColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v.id,
          v.org_id, v.app_id, v.app_name, v.status, v.report_count, v.open_reports, v.categories,
          core::null_if_empty(v.resolution), core::null_if_empty(v.decided_by), core::null_if_zero(v.decided_ms),
          v.takedowns, v.last_report_ms, v.created_ms, v.updated_ms);
}

void update(core::Tx& tx, const ViolationCase& v) {
  tx.exec(
      "UPDATE violation_cases SET app_name = ?, status = ?, report_count = ?, open_reports = ?, categories = ?, "
      "resolution = ?, decided_by = ?, decided_ms = ?, takedowns = ?, last_report_ms = ?, updated_ms = ? WHERE id = ?",
      v.app_name, v.status, v.report_count, v.open_reports, v.categories, core::null_if_empty(v.resolution),
      core::null_if_empty(v.decided_by), core::null_if_zero(v.decided_ms), v.takedowns, v.last_report_ms,
      v.updated_ms, v.id);
}

void insert_report(core::Tx& tx, const ViolationReport& r) {
  tx.exec("INSERT INTO violation_reports(" + kReportColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id,
          r.case_id, r.source, r.category, r.text, core::null_if_empty(r.uid), core::null_if_empty(r.device_id),
          core::null_if_empty(r.host_app_id), core::null_if_empty(r.reporter_id), core::null_if_empty(r.reporter_org),
          nlohmann::json(r.screenshots), r.created_ms);
}

core::Page<ViolationReport> reports(core::Conn& c, const std::string& case_id, const core::PageRequest& page) {
  return c.query_page<ViolationReport>("SELECT " + kReportColumns, "FROM violation_reports WHERE case_id = ?1",
                                       core::newest_first_page_sql("", 2), page, case_id);
}

std::vector<CaseHistoryEntry> history(core::Conn& c, const std::string& case_id) {
  return c.query_all<CaseHistoryEntry>(
      "SELECT seq, at_ms, actor_id, actor_name, action, detail FROM case_history WHERE case_id = ? ORDER BY seq",
      case_id);
}

void add_history(core::Tx& tx, const std::string& case_id, const CaseHistoryEntry& h) {
  tx.exec(
      "INSERT INTO case_history(case_id, seq, at_ms, actor_id, actor_name, action, detail) "
      "VALUES(?1, (SELECT coalesce(max(seq), 0) + 1 FROM case_history WHERE case_id = ?1), ?2, ?3, ?4, ?5, ?6)",
      case_id, h.at_ms, h.actor_id, h.actor_name, h.action, h.detail);
}

std::vector<Appeal> appeals(core::Conn& c, const std::string& case_id) {
  return c.query_all<Appeal>("SELECT " + kAppealColumns + " FROM case_appeals WHERE case_id = ? ORDER BY takedown",
                             case_id);
}

std::optional<Appeal> appeal_for(core::Conn& c, const std::string& case_id, std::int64_t takedown) {
  return c.query_one<Appeal>("SELECT " + kAppealColumns + " FROM case_appeals WHERE case_id = ? AND takedown = ?",
                             case_id, takedown);
}

void insert_appeal(core::Tx& tx, const Appeal& a) {
  tx.exec("INSERT INTO case_appeals(" + kAppealColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", a.id,
          a.case_id, a.takedown, a.status, a.text, nlohmann::json(a.attachments), a.filed_by,
          core::null_if_empty(a.decided_by), core::null_if_empty(a.decision), a.created_ms,
          core::null_if_zero(a.decided_ms));
}

void update_appeal(core::Tx& tx, const Appeal& a) {
  tx.exec("UPDATE case_appeals SET status = ?, decided_by = ?, decision = ?, decided_ms = ? WHERE id = ?", a.status,
          core::null_if_empty(a.decided_by), core::null_if_empty(a.decision), core::null_if_zero(a.decided_ms), a.id);
}

void add_file(core::Tx& tx, const std::string& case_id, const CaseFile& f) {
  tx.exec(
      "INSERT INTO case_files(case_id, sha256, name, content_type, size) VALUES(?, ?, ?, ?, ?) "
      "ON CONFLICT(case_id, sha256) DO NOTHING",
      case_id, f.sha256, f.name, f.content_type, f.size);
}

std::optional<CaseFile> file(core::Conn& c, const std::string& case_id, const std::string& sha256) {
  return c.query_one<CaseFile>("SELECT sha256, name, content_type, size FROM case_files WHERE case_id = ? AND sha256 = ?",
                               case_id, sha256);
}

std::vector<CaseFile> files(core::Conn& c, const std::string& case_id) {
  return c.query_all<CaseFile>("SELECT sha256, name, content_type, size FROM case_files WHERE case_id = ? ORDER BY name",
                               case_id);
}

bool references_blob(core::Conn& c, const std::string& sha256) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM case_files WHERE sha256 = ?", sha256) > 0;
}

}  // namespace cove::review::case_repo
