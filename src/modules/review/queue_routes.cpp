// Operators' side of version review (issue 14, 待办中心): the queue with filters, one review with
// its pre-check evidence, history and the difference from the released version, claim, approve,
// reject; the platform's review settings and the per-organisation override.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/review/case_input.hpp"
#include "modules/review/review_routes.hpp"

namespace cove::review {

namespace {

core::JsonInput parse_optional_body(const http::Request& req) {
  return core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

review_repo::QueueFilter read_filter(const http::Request& req) {
  review_repo::QueueFilter f;
  core::FieldErrors errors;
  if (auto status = req.query_param("status"); status && !status->empty()) {
    if (*status != "submitted" && *status != "in_review" && *status != "approved" && *status != "rejected" &&
        *status != "withdrawn") {
      errors.add("status", "unknown_value", "Use submitted, in_review, approved, rejected or withdrawn");
    }
    f.status = *status;
  }
  if (auto org = req.query_param("orgId"); org && !org->empty()) {
    if (org->size() > 64) errors.add("orgId", "too_long", "An organisation id has at most 64 characters");
    f.org_id = *org;
  }
  if (auto e = req.query_param("expedited"); e && !e->empty()) {
    if (*e != "true" && *e != "false") errors.add("expedited", "unknown_value", "Use true or false");
    f.expedited = *e == "true";
  }
  errors.throw_if_any();
  return f;
}

nlohmann::json detail_json(const ReviewDetail& d, std::int64_t now_ms) {
  auto out = review_with_checks(d.review, d.checks, now_ms, d.files);
  out["orgName"] = d.org_name;
  auto history = nlohmann::json::array();
  for (const auto& h : d.history) history.push_back(to_json(h));
  out["history"] = std::move(history);
  out["releasedVersion"] = d.released_version.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.released_version);
  out["diff"] = d.diff;
  return out;
}

}  // namespace

void mount_queue_routes(http::Router& router, ReviewService& service) {
  auto* s = &service;
  auto reviews = router.group("/api/v1/platform/reviews");

  reviews
      .get("",
           [s](http::Request& req) {
             const auto filter = read_filter(req);
             const auto page = http::read_page_request(req);
             const auto now = s->now_ms();
             const auto key = [](const Review& r) { return core::PageKey{r.created_ms, r.id}; };
             const auto item = [s, now](const Review& r) {
               return review_with_checks(r, s->checks(r.id), now, s->files(r.id));
             };
             auto body = http::page_json(s->queue(filter, page), page, key, item);
             // Each row names its organisation: operators read names, not ids.
             std::vector<std::string> ids;
             for (const auto& i : body["items"]) ids.push_back(i["orgId"].get<std::string>());
             const auto names = s->org_names(ids);
             for (auto& i : body["items"]) {
               const auto it = names.find(i["orgId"].get<std::string>());
               i["orgName"] = it == names.end() ? "" : it->second;
             }
             return http::Response::json(200, body);
           })
      .permission("platform:review");

  reviews
      .get("/{reviewId}",
           [s](http::Request& req) {
             return http::Response::json(200, detail_json(s->detail(req.param("reviewId")), s->now_ms()));
           })
      .permission("platform:review");

  reviews
      .post("/{reviewId}/claim",
            [s](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(200, to_json(s->claim(req.actor(), req.param("reviewId")), s->now_ms()));
            })
      .permission("platform:review");

  reviews
      .post("/{reviewId}/approve",
            [s](http::Request& req) {
              parse_optional_body(req).finish();
              return http::Response::json(200, to_json(s->approve(req.actor(), req.param("reviewId")), s->now_ms()));
            })
      .permission("platform:review");

  reviews
      .post("/{reviewId}/reject",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto category = in.required_string("reasonCategory", {.min_chars = 1, .max_chars = 30});
              if (!category.empty() && !known_reason_category(category)) {
                in.add_error("reasonCategory", "unknown_value",
                             "Use content, privacy, functionality, security, qualification or other");
              }
              const auto reason = in.required_string("reason", {.min_chars = 1, .max_chars = 500, .multiline = true});
              const auto screenshots =
                  read_files(in, "screenshots", {.max_files = kMaxScreenshots, .max_bytes = kMaxScreenshotBytes});
              in.finish();
              return http::Response::json(
                  200, to_json(s->reject(req.actor(), req.param("reviewId"), category, reason, screenshots), s->now_ms()));
            })
      .permission("platform:review")
      .body_limit(5 * 1024 * 1024)
      .blocking();

  reviews
      .get("/{reviewId}/files/{sha256}",
           [s](http::Request& req) { return review_file_answer(*s, req, ""); })
      .permission("platform:review");

  auto platform = router.group("/api/v1/platform");
  platform.get("/review-settings", [s](http::Request&) { return http::Response::json(200, to_json(s->settings())); })
      .permission("platform:read");
  platform
      .put("/review-settings",
           [s](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             const auto next = read_settings(in, s->settings());
             in.finish();
             return http::Response::json(200, to_json(s->update_settings(req.actor(), next)));
           })
      .permission("platform:settings")
      .body_limit(256 * 1024);

  platform
      .get("/orgs/{orgId}/review-policy",
           [s](http::Request& req) { return http::Response::json(200, to_json(s->policy(req.param("orgId")))); })
      .permission("platform:read");
  platform
      .put("/orgs/{orgId}/review-policy",
           [s](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             std::optional<bool> required;
             if (const auto* v = in.take("required"); !v) {
               in.add_error("required", "required", "true, false, or null to follow the platform setting");
             } else if (v->is_boolean()) {
               required = v->get<bool>();
             } else if (!v->is_null()) {
               in.add_error("required", "invalid_type", "true, false, or null to follow the platform setting");
             }
             in.finish();
             return http::Response::json(200, to_json(s->set_org_policy(req.actor(), req.param("orgId"), required)));
           })
      .permission("platform:orgs");
}

}  // namespace cove::review
