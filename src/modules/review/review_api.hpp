#pragma once
// What the review module (issue 14: 审核 / 待办中心, FinClip's audit-manage-svr) offers the modules
// after it (DESIGN.md §1): its event topics with typed payloads and its errors. Whether a release
// needs approval is enforced through the apps module's release guards (apps_api.hpp), so apps
// never names review.
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

#include "core/error.hpp"
#include "core/event_type.hpp"

namespace cove::review {

// The counter of the operators' workbench (modules/platform/overview_counters.hpp): reviews
// whose pre-checks passed and that wait for a human reviewer.
inline constexpr std::string_view kPendingReviews = "pendingReviews";
// Violation cases waiting for an operator's decision, and appeals waiting for one.
inline constexpr std::string_view kOpenCases = "openCases";
inline constexpr std::string_view kPendingAppeals = "pendingAppeals";

namespace events {

// Every review event: which review of which version, and its status after the change.
template <const char* Topic>
struct ReviewEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, app_id, review_id, version_id, version, status;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &ReviewEvent::org_id), core::field("appId", &ReviewEvent::app_id),
                      core::field("reviewId", &ReviewEvent::review_id),
                      core::field("versionId", &ReviewEvent::version_id),
                      core::field("version", &ReviewEvent::version), core::field("status", &ReviewEvent::status)};
  }
};
inline constexpr char kReviewSubmitted[] = "review.submitted";
inline constexpr char kReviewApproved[] = "review.approved";
inline constexpr char kReviewWithdrawn[] = "review.withdrawn";
using ReviewSubmitted = ReviewEvent<kReviewSubmitted>;  // pre-checks start
using ReviewApproved = ReviewEvent<kReviewApproved>;
using ReviewWithdrawn = ReviewEvent<kReviewWithdrawn>;

// Rejected by a reviewer, or automatically when a pre-check failed (`automatic`).
struct ReviewRejected {
  static constexpr std::string_view kTopic = "review.rejected";
  std::string org_id, app_id, review_id, version_id, version, reason_category, reason;
  bool automatic = false;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &ReviewRejected::org_id), core::field("appId", &ReviewRejected::app_id),
                      core::field("reviewId", &ReviewRejected::review_id),
                      core::field("versionId", &ReviewRejected::version_id),
                      core::field("version", &ReviewRejected::version),
                      core::field("reasonCategory", &ReviewRejected::reason_category),
                      core::field("reason", &ReviewRejected::reason),
                      core::field("automatic", &ReviewRejected::automatic)};
  }
};

// The platform's review settings changed (what the runtime's profiles show may have: the safety
// notice).
struct ReviewSettingsUpdated {
  static constexpr std::string_view kTopic = "review.settings_updated";
  bool required = true;
  static constexpr auto fields() { return std::tuple{core::field("required", &ReviewSettingsUpdated::required)}; }
};

// Violation cases (举报处理): every step of a case, its status after the step, and the text the
// organisation reads (`detail`: the report's category, the warning, the takedown reason, the
// appeal decision's note).
template <const char* Topic>
struct CaseEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, app_id, case_id, status, detail;
  std::int64_t report_count = 0;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &CaseEvent::org_id), core::field("appId", &CaseEvent::app_id),
                      core::field("caseId", &CaseEvent::case_id), core::field("status", &CaseEvent::status),
                      core::field("detail", &CaseEvent::detail),
                      core::field("reportCount", &CaseEvent::report_count)};
  }
};
inline constexpr char kCaseReported[] = "case.reported";  // a report; the case opened if it was not
inline constexpr char kCaseDismissed[] = "case.dismissed";
inline constexpr char kCaseWarned[] = "case.warned";
inline constexpr char kCaseTakenDown[] = "case.taken_down";
inline constexpr char kCaseAppealed[] = "case.appealed";
inline constexpr char kCaseAppealUpheld[] = "case.appeal_upheld";
inline constexpr char kCaseRestored[] = "case.restored";
using CaseReported = CaseEvent<kCaseReported>;
using CaseDismissed = CaseEvent<kCaseDismissed>;
using CaseWarned = CaseEvent<kCaseWarned>;
using CaseTakenDown = CaseEvent<kCaseTakenDown>;
using CaseAppealed = CaseEvent<kCaseAppealed>;
using CaseAppealUpheld = CaseEvent<kCaseAppealUpheld>;
using CaseRestored = CaseEvent<kCaseRestored>;

}  // namespace events

namespace errors {

inline core::Error case_not_found() { return core::Error::not_found("cases.not_found", "No such case"); }
inline core::Error review_not_found() { return core::Error::not_found("review.not_found", "No such review"); }

}  // namespace errors

}  // namespace cove::review
