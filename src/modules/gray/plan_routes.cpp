// Gray plans (issue 5 "Plans"): create and list per mini-program; read, edit, delete and the
// state-machine actions per plan.
#include <fmt/format.h>

#include "modules/gray/gray_routes.hpp"
#include "modules/gray/plan_schedule.hpp"
#include "modules/gray/rule.hpp"
#include "http/query_input.hpp"
#include "http/list_response.hpp"

namespace cove::gray {

namespace {

// A rule at the limits (20 groups × 20 conditions × 1,000 values of 256 bytes) is far larger
// than anyone writes by hand; 1 MiB covers generated rules with long value lists.
constexpr std::size_t kBodyLimit = 1024 * 1024;

PlanFields read_fields(const http::Request& req, bool creating) {
  auto in = core::JsonInput::parse(req.body);
  PlanFields f;
  if (creating) f.version = in.required_string("version", {.min_chars = 5, .max_chars = 32});
  f.name = in.optional_string("name", {.min_chars = 0, .max_chars = 100});
  if (const auto* rule = in.take("rule")) {
    if (auto parsed = Rule::parse(*rule, in.errors())) f.rule = parsed->document();
  } else if (creating) {
    in.add_error("rule", "required", "Give the rule that selects the users: {\"groups\": [...]}");
  }
  if (const auto priority = in.optional_int("priority", 0, kMaxPriority))
    f.priority = static_cast<int>(*priority);
  if (const auto* steps = in.take("steps")) f.steps = parse_steps(*steps, in.errors());
  in.finish();
  return f;
}

std::optional<std::string> read_status(const http::Request& req) {
  auto status = req.query_param("status");
  if (status && *status != "draft" && *status != "running" && *status != "paused" && *status != "completed" &&
      *status != "rolled_back") {
    core::FieldErrors errors;
    errors.add("status", "unknown_value", "Use draft, running, paused, completed or rolled_back");
    errors.throw_if_any();
  }
  return status;
}

void mount_action(http::RouteGroup& plans, PlanService* service, const char* path,
                  PlanAction action) {
  plans
      .post(fmt::format("/{{planId}}/{}", path),
            [service, action](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(
                  200, to_json(service->act(req.actor(), req.org_id, req.param("planId"), action)));
            })
      .permission("apps:release");
}

}  // namespace

void mount_plan_routes(http::Router& router, const GrayServices& s) {
  PlanService* service = &s.plans;
  auto apps = router.group("/api/v1/apps/{appId}/gray/plans");
  apps.get("",
           [service](http::Request& req) {
             const auto status = read_status(req);
             const auto page = http::read_page_request(req);
             const auto key = [](const Plan& p) { return core::PageKey{p.created_ms, p.id}; };
             const auto item = [](const Plan& p) { return to_json(p); };
             return http::Response::json(
                 200, http::page_json(service->list(req.org_id, req.param("appId"), status, page), page,
                                          key, item));
           })
      .permission("apps:read");
  apps.post("",
            [service](http::Request& req) {
              const auto fields = read_fields(req, true);
              const auto p = service->create(req.actor(), req.org_id, req.param("appId"), fields);
              auto res = http::Response::json(201, to_json(p));
              res.headers.set("Location", fmt::format("/api/v1/gray/plans/{}", p.id));
              return res;
            })
      .permission("apps:release")
      .body_limit(kBodyLimit);

  auto plans = router.group("/api/v1/gray/plans");
  plans
      .get("/{planId}",
           [service](http::Request& req) {
             return http::Response::json(200, to_json(service->get(req.org_id, req.param("planId"))));
           })
      .permission("apps:read");
  plans
      .patch("/{planId}",
             [service](http::Request& req) {
               const auto fields = read_fields(req, false);
               return http::Response::json(
                   200, to_json(service->update(req.actor(), req.org_id, req.param("planId"), fields)));
             })
      .permission("apps:release")
      .body_limit(kBodyLimit);
  plans
      .del("/{planId}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.org_id, req.param("planId"));
             return http::Response::no_content();
           })
      .permission("apps:release");
  mount_action(plans, service, "start", PlanAction::kStart);
  mount_action(plans, service, "pause", PlanAction::kPause);
  mount_action(plans, service, "resume", PlanAction::kResume);
  mount_action(plans, service, "complete", PlanAction::kComplete);
  mount_action(plans, service, "rollback", PlanAction::kRollback);
}

core::JsonInput parse_optional_body(const http::Request& req) {
  return core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

core::TimePoint read_now(core::JsonInput& in, const core::Clock& clock) {
  const auto text = in.optional_string("now", {.min_chars = 1, .max_chars = 40});
  if (!text) return clock.now();
  core::TimePoint t;
  if (!core::parse_rfc3339(*text, t))
    in.add_error("now", "invalid_time", "An RFC 3339 time, e.g. 2026-11-22T10:00:00Z");
  return t;
}

}  // namespace cove::gray
