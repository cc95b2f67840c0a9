#pragma once
// The gray-release module (issue 5): rules, UID lists, staged plans and their scheduler,
// simulation — FinClip's rule-engine-svr and gray release. The runtime evaluates running plans
// through gray_api.hpp.
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/gray/gray_context.hpp"
#include "modules/gray/plan_scheduler.hpp"
#include "modules/gray/plan_service.hpp"
#include "modules/gray/uid_set_cache.hpp"
#include "modules/module.hpp"

namespace cove::gray {

class GrayModule final : public modules::Module, public GrayApi {
 public:
  GrayModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~GrayModule() override;

  std::string_view name() const override { return "gray"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& app) override;
  void stop() override;

  // GrayApi
  GrayRuntimeData runtime_data(core::Conn& c) const override;

 private:
  std::unique_ptr<GrayContext> ctx_;
  std::shared_ptr<PlanService> plans_;
  std::unique_ptr<PlanScheduler> scheduler_;
  mutable UidSetCache sets_;
};

}  // namespace cove::gray
