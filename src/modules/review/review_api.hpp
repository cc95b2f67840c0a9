#pragma once
// What the review module (issue 14: 审核 / 待办中心, FinClip's audit-manage-svr) offers the modules
// after it (DESIGN.md §1): its event topics with typed payloads and its errors. Whether a release
// needs approval is enforced through the apps module's release guards (apps_api.hpp), so apps
// never names review.
#include <string>
#include <string_view>
#include <tuple>

#include "core/error.hpp"
#include "core/event_type.hpp"

namespace cove::review {

// The counter of the operators' workbench (modules/platform/overview_counters.hpp): reviews
// whose pre-checks passed and that wait for a human reviewer.
inline constexpr std::string_view kPendingReviews = "pendingReviews";

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

}  // namespace events

namespace errors {

inline core::Error review_not_found() { return core::Error::not_found("review.not_found", "No such review"); }

}  // namespace errors

}  // namespace cove::review
