#include "modules/review/review_module.hpp"

#include "core/error.hpp"
#include "modules/review/case_repo.hpp"
#include "modules/review/review_catalog_source.hpp"
#include "modules/review/review_repo.hpp"
#include "modules/review/review_routes.hpp"

namespace cove::review {

ReviewModule::ReviewModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps)
    : apps_(apps) {
  service_ = std::make_unique<ReviewService>(app.db, app.changes, app.clock, app.blobs, apps, accounts);
  cases_ = std::make_unique<CaseService>(app.db, app.changes, app.clock, app.blobs, apps, accounts);

  // "platform:review" (review versions, take mini-programs down) is declared with the operator
  // roles by accounts; the routes here use it.
  app.overview.declare({.key = std::string(kPendingReviews),
                        .description = "versions whose pre-checks passed, waiting for a reviewer",
                        .count = [](core::Conn& c) { return review_repo::count_status(c, "in_review"); }});
  app.overview.declare({.key = std::string(kOpenCases),
                        .description = "violation cases with reports waiting for an operator",
                        .count = [](core::Conn& c) { return case_repo::count_status(c, "open"); }});
  app.overview.declare({.key = std::string(kPendingAppeals),
                        .description = "appeals against a takedown waiting for an operator",
                        .count = [](core::Conn& c) { return case_repo::count_pending_appeals(c); }});
  // Routes under /{reviewId} are the operators' (platform permissions); no organisation resolver.
  // A case belongs to its mini-program's organisation: /api/v1/cases/{caseId} is the organisation's.
  app.org_resolvers.add("caseId", [](core::Conn& c, const std::string& id) { return case_repo::org_of(c, id); });
  app.catalog_sources.add(std::make_shared<ReviewCatalogSource>());
  app.blob_references.add("report screenshots and appeal attachments",
                          [](core::Conn& c, const std::string& sha) { return case_repo::references_blob(c, sha); });
  app.blob_references.add("screenshots of rejected reviews",
                          [](core::Conn& c, const std::string& sha) { return review_repo::references_blob(c, sha); });

  // Review required and the version not approved: the release route, `cove publish --release`
  // and gray plans refuse it.
  apps.add_release_guard([](core::Conn& c, const std::string& org_id, const std::string& /*app_id*/,
                            const std::string& status) {
    if (status == "approved" || !review_required(c, org_id)) return;
    throw core::Error(409, "review.approval_required",
                      "This version needs an approved review before it is released: submit it for review",
                      {{"status", status}});
  });
  // A version under review cannot disappear under its reviewer.
  apps.add_version_delete_guard([](core::Tx& tx, const std::string& /*org_id*/, const std::string& version_id) {
    if (const auto open = review_repo::open_for_version(tx, version_id)) {
      throw core::Error(409, "review.version_under_review",
                        "This version is under review; withdraw it before deleting it", {{"reviewId", *open}});
    }
  });
  // Pre-checks a submitting request did not finish (the server stopped meanwhile).
  app.jobs.schedule("review.pending_prechecks", std::chrono::seconds(5), [this] { service_->run_pending(); });
}

ReviewModule::~ReviewModule() = default;

void ReviewModule::register_routes(http::Router& router) {
  mount_submission_routes(router, *service_);
  mount_queue_routes(router, *service_);
  mount_case_routes(router, *cases_);
  mount_report_routes(router, *cases_, apps_, report_limiter_);
}

}  // namespace cove::review
