#include "modules/review/review_module.hpp"

#include "core/error.hpp"
#include "modules/review/review_repo.hpp"
#include "modules/review/review_routes.hpp"

namespace cove::review {

ReviewModule::ReviewModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps) {
  service_ = std::make_unique<ReviewService>(app.db, app.changes, app.clock, app.blobs, apps, accounts);

  // "platform:review" (review versions, take mini-programs down) is declared with the operator
  // roles by accounts; the routes here use it.
  app.overview.declare({.key = std::string(kPendingReviews),
                        .description = "versions whose pre-checks passed, waiting for a reviewer",
                        .count = [](core::Conn& c) { return review_repo::count_status(c, "in_review"); }});
  // Routes under /{reviewId} are the operators' (platform permissions); no organisation resolver.

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
}

}  // namespace cove::review
