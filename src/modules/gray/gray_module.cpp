#include "modules/gray/gray_module.hpp"

#include "core/error.hpp"
#include "core/log.hpp"
#include "modules/gray/gray_catalog_source.hpp"
#include "modules/gray/gray_routes.hpp"
#include "modules/gray/plan_repo.hpp"
#include "modules/gray/uid_list_repo.hpp"

namespace cove::gray {

GrayModule::GrayModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps) {
  plans_ = std::make_unique<PlanService>(app.db, app.changes, app.clock, apps, accounts.quotas());
  lists_ = std::make_unique<UidListService>(app.db, app.changes, app.clock);
  simulation_ = std::make_unique<SimulateService>(app.db, apps);
  services_ = std::make_unique<GrayServices>(GrayServices{*plans_, *lists_, *simulation_, app.clock});

  app.quotas.declare({.key = std::string(kMaxGrayPlans),
                      .description = "running or paused gray plans",
                      .default_limit = 5,
                      .min = 0,
                      .max = 1000,
                      .usage = [](core::Conn& c, const std::string& org) { return plan_repo::count_live_in_org(c, org); }});
  app.org_resolvers.add("planId", [](core::Conn& c, const std::string& id) { return plan_repo::org_of(c, id); });
  app.org_resolvers.add("listId", [](core::Conn& c, const std::string& id) { return uid_list_repo::org_of(c, id); });
  app.catalog_sources.add(std::make_shared<GrayCatalogSource>(apps));
  // Steps take effect within a second of their time, whatever clock the application runs on; a
  // step is applied at most once (its own transaction), so a failed run is simply retried.
  app.jobs.schedule("gray.step_schedule", std::chrono::milliseconds(500),
                    [this, &app] { plans_->apply_due_steps(app.clock.unix_millis()); });
  // A version a plan is about to serve, or serving, cannot disappear under it.
  apps.add_version_delete_guard([](core::Tx& tx, const std::string& /*org_id*/,
                                   const std::string& version_id) {
    if (const auto plan = plan_repo::unfinished_for_version(tx, version_id)) {
      throw core::Error(409, "apps.version_in_gray_plan",
                        "A gray plan that is not finished uses this version; roll it back or delete it first",
                        {{"planId", *plan}});
    }
  });
}

GrayModule::~GrayModule() = default;

void GrayModule::register_routes(http::Router& router) {
  mount_plan_routes(router, *services_);
  mount_uid_list_routes(router, *services_);
  mount_simulate_routes(router, *services_);
}

void GrayModule::subscribe(core::EventBus& events) {
  // A release by other means (the release route, `cove publish --release`) completes the plan
  // that was serving that version to some users.
  events.subscribe("gray.plans", {"version.released"}, [this](const core::Event& e) {
    plans_->version_released(e.payload.value("orgId", ""), e.payload.value("versionId", ""));
  });
}

}  // namespace cove::gray
