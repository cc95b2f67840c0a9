#pragma once
// The gray-release module (issue 5): rules, UID lists, staged plans and their schedule,
// simulation — FinClip's rule-engine-svr and gray release. The runtime evaluates running plans
// from the catalog part this module registers (gray_api.hpp).
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/gray/gray_routes.hpp"
#include "modules/gray/plan_service.hpp"
#include "modules/module.hpp"

namespace cove::gray {

class GrayModule final : public modules::Module {
 public:
  GrayModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~GrayModule() override;

  std::string_view name() const override { return "gray"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;

 private:
  std::unique_ptr<PlanService> plans_;
  std::unique_ptr<UidListService> lists_;
  std::unique_ptr<SimulateService> simulation_;
  std::unique_ptr<GrayServices> services_;
};

}  // namespace cove::gray
