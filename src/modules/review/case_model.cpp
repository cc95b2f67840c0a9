#include "modules/review/case_model.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace cove::review {

namespace {

nlohmann::json time_or_null(std::int64_t ms) {
  return ms > 0 ? nlohmann::json(core::format_rfc3339_millis(ms)) : nlohmann::json(nullptr);
}

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace

bool known_report_category(std::string_view c) {
  return std::find(kReportCategories.begin(), kReportCategories.end(), c) != kReportCategories.end();
}

nlohmann::json to_json(const ViolationCase& c) {
  return {{"id", c.id},
          {"orgId", c.org_id},
          {"appId", c.app_id},
          {"appName", c.app_name},
          {"status", c.status},
          {"reportCount", c.report_count},
          {"openReports", c.open_reports},
          {"categories", c.categories},
          {"resolution", text_or_null(c.resolution)},
          {"decidedBy", text_or_null(c.decided_by)},
          {"decidedAt", time_or_null(c.decided_ms)},
          {"takedowns", c.takedowns},
          {"lastReportAt", time_or_null(c.last_report_ms)},
          {"createdAt", core::format_rfc3339_millis(c.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(c.updated_ms)}};
}

nlohmann::json to_json(const ViolationReport& r, CaseAudience audience) {
  nlohmann::json out = {{"id", r.id},
                        {"source", r.source},
                        {"category", r.category},
                        {"text", r.text},
                        {"screenshots", r.screenshots},
                        {"createdAt", core::format_rfc3339_millis(r.created_ms)}};
  if (audience == CaseAudience::kOperator) {
    out["uid"] = text_or_null(r.uid);
    out["deviceId"] = text_or_null(r.device_id);
    out["hostAppId"] = text_or_null(r.host_app_id);
    out["reporterId"] = text_or_null(r.reporter_id);
    out["reporterOrgId"] = text_or_null(r.reporter_org);
  }
  return out;
}

nlohmann::json to_json(const CaseHistoryEntry& h) {
  return {{"seq", h.seq},
          {"at", core::format_rfc3339_millis(h.at_ms)},
          {"actorId", h.actor_id},
          {"actorName", h.actor_name},
          {"action", h.action},
          {"detail", h.detail}};
}

nlohmann::json to_json(const Appeal& a) {
  return {{"id", a.id},
          {"caseId", a.case_id},
          {"takedown", a.takedown},
          {"status", a.status},
          {"text", a.text},
          {"attachments", a.attachments},
          {"filedBy", a.filed_by},
          {"decidedBy", text_or_null(a.decided_by)},
          {"decision", text_or_null(a.decision)},
          {"createdAt", core::format_rfc3339_millis(a.created_ms)},
          {"decidedAt", time_or_null(a.decided_ms)}};
}

nlohmann::json to_json(const CaseFile& f) {
  return {{"sha256", f.sha256}, {"name", f.name}, {"contentType", f.content_type}, {"size", f.size}};
}

}  // namespace cove::review
