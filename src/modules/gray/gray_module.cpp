#include "modules/gray/gray_module.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/log.hpp"
#include "modules/gray/gray_routes.hpp"
#include "modules/gray/plan_repo.hpp"
#include "modules/gray/uid_list_repo.hpp"

namespace cove::gray {

GrayModule::GrayModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps) {
  ctx_ = std::make_unique<GrayContext>(GrayContext{app, accounts, apps});
  plans_ = std::make_shared<PlanService>(*ctx_);
  scheduler_ = std::make_unique<PlanScheduler>(*plans_, app.clock);

  accounts.register_org_resolver(
      "planId", [](core::Conn& c, const std::string& id) { return plan_repo::org_of(c, id); });
  accounts.register_org_resolver(
      "listId", [](core::Conn& c, const std::string& id) { return uid_list_repo::org_of(c, id); });
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
  mount_plan_routes(router, *ctx_, plans_);
  mount_uid_list_routes(router, *ctx_);
  mount_simulate_routes(router, *ctx_);
}

void GrayModule::subscribe(core::EventBus& events) {
  // A release by other means (the release route, `cove publish --release`) completes the plan
  // that was serving that version to some users.
  events.subscribe("gray.plans", {"version.released"}, [this](const core::Event& e) {
    plans_->version_released(e.payload.value("orgId", ""), e.payload.value("versionId", ""));
  });
}

void GrayModule::start(modules::AppContext& /*app*/) { scheduler_->start(); }

void GrayModule::stop() { scheduler_->stop(); }

GrayRuntimeData GrayModule::runtime_data(core::Conn& c) const {
  GrayRuntimeData out;
  std::vector<std::string> lists;
  for (const auto& p : plan_repo::running(c)) {
    auto live = compile_plan(p);
    const auto v = ctx_->apps.gray_candidate(c, p.org_id, p.app_id, p.version);
    if (!live || !v) {
      core::log::error("gray plan left out of the runtime", {{"planId", p.id}});
      continue;
    }
    for (auto& l : lists_named(p.rule)) {
      if (std::find(lists.begin(), lists.end(), l) == lists.end()) lists.push_back(std::move(l));
    }
    out.plans.push_back(RuntimePlan{.plan = std::move(*live),
                                    .org_id = p.org_id,
                                    .app_id = p.app_id,
                                    .version = {.id = p.version_id,
                                                .version = p.version,
                                                .sha256 = v->package_sha256,
                                                .size = v->package_size,
                                                .signature = p.signature,
                                                .min_base_library = v->min_base_library},
                                    .newer_than_released = v->newer_than_released});
  }
  out.lists = sets_.load(c, lists);
  return out;
}

}  // namespace cove::gray
