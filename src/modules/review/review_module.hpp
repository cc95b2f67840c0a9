#pragma once
// The review module (issue 14): version review with automated pre-checks and the operators'
// queue (审核 / 待办中心, FinClip's audit-manage-svr). It enforces "a release needs approval"
// through the apps module's release guards, so apps never depends on it.
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/module.hpp"
#include "modules/review/review_api.hpp"
#include "http/rate_limit.hpp"
#include "modules/review/case_service.hpp"
#include "modules/review/review_service.hpp"

namespace cove::review {

class ReviewModule final : public modules::Module {
 public:
  ReviewModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~ReviewModule() override;

  std::string_view name() const override { return "review"; }
  void register_routes(http::Router& router) override;

 private:
  std::unique_ptr<ReviewService> service_;
  std::unique_ptr<CaseService> cases_;
  apps::AppsApi& apps_;
  // Reports per reporter (SDK: host app + user or device; console: the user): a burst of
  // kReportBurst, then one every 360 s — ten an hour.
  static constexpr double kReportBurst = 10;
  http::RateLimiter report_limiter_{1.0 / 360.0, kReportBurst};
};

}  // namespace cove::review
