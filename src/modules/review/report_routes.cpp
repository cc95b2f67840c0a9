// Violation reports (举报, issue 14): end users through their host app's SDK (signed like every
// runtime route, apps::SdkAuth), organisation members and operators in the console. Every channel
// is rate-limited per reporter — device or user for the SDK, the signed-in user for the console —
// so one client cannot flood a case or the operation log.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "modules/review/case_input.hpp"
#include "modules/review/review_routes.hpp"

namespace cove::review {

namespace {

constexpr std::size_t kMaxDeviceIdChars = 128;
constexpr std::size_t kMaxUidChars = 128;

void throttle(http::RateLimiter& limiter, const std::string& key) {
  double retry_after = 0;
  if (!limiter.allow(key, retry_after)) {
    throw core::Error(429, "cases.too_many_reports", "Too many reports from this reporter; retry later",
                      {{"retryAfterSeconds", static_cast<int>(retry_after) + 1}});
  }
}

nlohmann::json receipt(const ViolationReport& r) {
  return {{"reportId", r.id}, {"category", r.category}, {"createdAt", core::format_rfc3339_millis(r.created_ms)}};
}

}  // namespace

void mount_report_routes(http::Router& router, CaseService& service, const apps::AppsApi& apps,
                         http::RateLimiter& limiter) {
  auto* s = &service;
  auto* l = &limiter;

  // The SDK's report: {category, text, uid?, deviceId?, screenshots?}. The body is signed too.
  router.group("/runtime/v1")
      .post("/apps/{appId}/reports",
            [s, l, &apps](http::Request& req) {
              const auto host = apps.sdk_auth().verify(req);
              auto in = core::JsonInput::parse(req.body);
              const auto uid = in.optional_string("uid", {.min_chars = 1, .max_chars = kMaxUidChars}).value_or("");
              const auto device =
                  in.optional_string("deviceId", {.min_chars = 1, .max_chars = kMaxDeviceIdChars}).value_or("");
              auto body = read_report_body(in);
              in.finish();
              // Per end user where the host app names one, else per device, else per address.
              const auto who = !uid.empty() ? "uid:" + uid : !device.empty() ? "dev:" + device : "ip:" + req.remote_ip;
              throttle(*l, fmt::format("rt|{}|{}", host->id, who));
              auto actor = req.actor();
              actor.principal = core::Principal::system(fmt::format("host app {}", host->id));
              const auto r = s->report(actor, req.param("appId"),
                                       ReportInput{.source = "runtime",
                                                   .category = body.category,
                                                   .text = body.text,
                                                   .uid = uid,
                                                   .device_id = device,
                                                   .host_app_id = host->id,
                                                   .screenshots = std::move(body.screenshots)});
              return http::Response::json(202, receipt(r));
            })
      .open()
      .body_limit(5 * 1024 * 1024)
      .blocking();

  // An organisation member reports a mini-program (its own or another's, by its public appId).
  router.group("/api/v1/orgs")
      .post("/{orgId}/reports",
            [s, l](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto app_id = in.required_string("appId", {.min_chars = 1, .max_chars = 64});
              auto body = read_report_body(in);
              in.finish();
              throttle(*l, "user|" + req.principal->id);
              const auto r = s->report(req.actor(), app_id,
                                       ReportInput{.source = "org",
                                                   .category = body.category,
                                                   .text = body.text,
                                                   .reporter_org = req.param("orgId"),
                                                   .screenshots = std::move(body.screenshots)});
              return http::Response::json(202, receipt(r));
            })
      .permission("apps:read")
      .body_limit(5 * 1024 * 1024)
      .blocking();

  // An operator files a report (a complaint that reached the platform another way).
  router.group("/api/v1/platform")
      .post("/reports",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto app_id = in.required_string("appId", {.min_chars = 1, .max_chars = 64});
              auto body = read_report_body(in);
              in.finish();
              const auto r = s->report(req.actor(), app_id,
                                       ReportInput{.source = "platform",
                                                   .category = body.category,
                                                   .text = body.text,
                                                   .screenshots = std::move(body.screenshots)});
              return http::Response::json(202, receipt(r));
            })
      .permission("platform:review")
      .body_limit(5 * 1024 * 1024)
      .blocking();
}

}  // namespace cove::review
