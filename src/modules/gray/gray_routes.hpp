#pragma once
// Each feature's mount function (called from GrayModule::register_routes) and the request
// helpers they share.
#include <memory>

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "http/router.hpp"
#include "modules/gray/plan_service.hpp"
#include "modules/gray/simulate_service.hpp"
#include "modules/gray/uid_list_service.hpp"

namespace cove::gray {

// The module's services, built once by GrayModule; every mount takes them.
struct GrayServices {
  PlanService& plans;
  UidListService& lists;
  SimulateService& simulation;
  const core::Clock& clock;
};

void mount_plan_routes(http::Router& router, const GrayServices& s);
void mount_uid_list_routes(http::Router& router, const GrayServices& s);
void mount_simulate_routes(http::Router& router, const GrayServices& s);

// A JSON body that may be empty (the plan actions take no fields).
core::JsonInput parse_optional_body(const http::Request& req);
// The request's optional "now" field (RFC 3339), else the clock's time.
core::TimePoint read_now(core::JsonInput& in, const core::Clock& clock);

}  // namespace cove::gray
