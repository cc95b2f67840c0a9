#pragma once
// Each feature's mount function (called from ReviewModule::register_routes).
#include "http/rate_limit.hpp"
#include "http/router.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/review/case_service.hpp"
#include "modules/review/review_service.hpp"

namespace cove::review {

// Organisation side: submit, withdraw, a mini-program's reviews, the organisation's policy.
void mount_submission_routes(http::Router& router, ReviewService& service);
// Operators: the queue, a review's page, claim, approve, reject; settings and per-org policy.
void mount_queue_routes(http::Router& router, ReviewService& service);
// Violation cases: the operators' list and decisions, the organisation's cases and appeal.
void mount_case_routes(http::Router& router, CaseService& service);
// Reports: the SDK's signed report, organisation members' and operators' reports.
void mount_report_routes(http::Router& router, CaseService& service, const apps::AppsApi& apps,
                         http::RateLimiter& limiter);

// The review as the organisation sees it in its list: with its pre-check results.
nlohmann::json review_with_checks(const Review& r, const std::vector<CheckResult>& checks, std::int64_t now_ms,
                                  const std::vector<CaseFile>& screenshots = {});
// A rejection's screenshot; `org_id` scopes the review to the organisation ("" for operators).
http::Response review_file_answer(ReviewService& s, const http::Request& req, const std::string& org_id);
nlohmann::json to_json(const PolicyView& p);

}  // namespace cove::review
