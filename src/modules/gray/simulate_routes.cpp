// Simulation and evaluation (issue 5 "Runtime and simulation"): which version a user would get
// and why, any rule against any context, and a plan's rollout over a sample of users.
#include "modules/gray/gray_routes.hpp"

namespace cove::gray {

namespace {

constexpr std::size_t kBodyLimit = 1024 * 1024;  // an evaluated rule may be as large as a saved one

ContextAttributes read_context(core::JsonInput& in) {
  ContextAttributes context;
  if (const auto* doc = in.take("context")) context = ContextAttributes::parse(*doc, in.errors());
  return context;
}

}  // namespace

void mount_simulate_routes(http::Router& router, const GrayServices& s) {
  SimulateService* service = &s.simulation;
  const core::Clock& clock = s.clock;

  router.group("/api/v1/apps/{appId}/gray")
      .post("/simulate",
            [service, &clock](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto context = read_context(in);
              const auto now = read_now(in, clock);
              in.finish();
              return http::Response::json(200,
                                          service->simulate(req.org_id, req.param("appId"), context, now));
            })
      .permission("apps:read")
      .body_limit(64 * 1024);

  router.group("/api/v1/gray")
      .post("/evaluate",
            [service, &clock](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              std::optional<Rule> rule;
              if (const auto* doc = in.take("rule")) {
                rule = Rule::parse(*doc, in.errors());
              } else {
                in.add_error("rule", "required", "Give the rule to evaluate: {\"groups\": [...]}");
              }
              const auto context = read_context(in);
              const auto now = read_now(in, clock);
              in.finish();
              const auto verdict = service->evaluate(*req.principal, *rule, context, now);
              return http::Response::json(200, verdict.explanation);
            })
      .permission("self")
      .body_limit(kBodyLimit);

  router.group("/api/v1/gray/plans")
      .post("/{planId}/preview",
            [service, &clock](http::Request& req) {
              auto in = parse_optional_body(req);
              PreviewRequest preview;
              preview.uid_list = in.optional_string("uidList", {.min_chars = 1, .max_chars = 64});
              if (const auto n = in.optional_int("sample", 1, kMaxPreviewSample))
                preview.sample = static_cast<int>(*n);
              if (preview.uid_list && preview.sample)
                in.add_error("sample", "conflict", "Give either a UID list or a sample size, not both");
              preview.context = read_context(in);
              const auto now = read_now(in, clock);
              in.finish();
              return http::Response::json(200,
                                          service->preview(req.org_id, req.param("planId"), preview, now));
            })
      .permission("apps:read")
      .body_limit(64 * 1024)
      .blocking();
}

}  // namespace cove::gray
