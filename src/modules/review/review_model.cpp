#include "modules/review/review_model.hpp"

#include "core/clock.hpp"

namespace cove::review {

namespace {

nlohmann::json time_or_null(std::int64_t ms) {
  return ms > 0 ? nlohmann::json(core::format_rfc3339_millis(ms)) : nlohmann::json(nullptr);
}

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace

nlohmann::json to_json(const Review& r, std::int64_t now_ms) {
  const bool claimed = !r.claimed_by.empty() && r.claim_expires_ms > now_ms && r.open();
  return {{"id", r.id},
          {"orgId", r.org_id},
          {"appId", r.app_id},
          {"appName", r.app_name},
          {"versionId", r.version_id},
          {"version", r.version},
          {"status", r.status},
          {"notes", r.notes},
          {"testAccount", r.test_account},
          {"expedite", r.expedite},
          {"releaseOnApproval", r.release_on_approval},
          {"submittedBy", r.submitted_by},
          {"claim",
           claimed ? nlohmann::json{{"userId", r.claimed_by},
                                    {"name", r.claimed_by_name},
                                    {"expiresAt", core::format_rfc3339_millis(r.claim_expires_ms)}}
                   : nlohmann::json(nullptr)},
          {"decidedBy", text_or_null(r.decided_by)},
          {"decidedAt", time_or_null(r.decided_ms)},
          {"reasonCategory", text_or_null(r.reason_category)},
          {"reason", text_or_null(r.reason)},
          {"createdAt", core::format_rfc3339_millis(r.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(r.updated_ms)}};
}

nlohmann::json to_json(const CheckResult& c) {
  auto evidence = nlohmann::json::array();
  for (const auto& e : c.evidence) {
    evidence.push_back({{"file", e.file}, {"line", e.line > 0 ? nlohmann::json(e.line) : nlohmann::json(nullptr)},
                        {"excerpt", e.excerpt}});
  }
  return {{"name", c.name},
          {"result", c.result},
          {"summary", c.summary},
          {"evidence", std::move(evidence)},
          {"details", c.details}};
}

nlohmann::json to_json(const HistoryEntry& h) {
  return {{"at", core::format_rfc3339_millis(h.at_ms)},
          {"actorId", h.actor_id},
          {"actorName", h.actor_name},
          {"action", h.action},
          {"detail", h.detail}};
}

nlohmann::json check_counts(const std::vector<CheckResult>& checks) {
  int pass = 0, warn = 0, fail = 0;
  for (const auto& c : checks) {
    if (c.result == "pass") ++pass;
    if (c.result == "warn") ++warn;
    if (c.result == "fail") ++fail;
  }
  return {{"pass", pass}, {"warn", warn}, {"fail", fail}};
}

bool known_reason_category(const std::string& category) {
  for (const char* c : kReasonCategories) {
    if (category == c) return true;
  }
  return false;
}

}  // namespace cove::review
