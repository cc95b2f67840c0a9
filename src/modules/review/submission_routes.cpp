// Organisation side of version review (issue 14): submit a version, withdraw it before a
// decision, list a mini-program's reviews with their pre-check results, read the policy.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/blob_response.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/review/review_routes.hpp"

namespace cove::review {

namespace {

core::JsonInput parse_optional_body(const http::Request& req) {
  return core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

Submission read_submission(const http::Request& req) {
  auto in = parse_optional_body(req);
  Submission s;
  s.notes = in.optional_string("notes", {.min_chars = 0, .max_chars = 2000, .multiline = true}).value_or("");
  if (auto account = in.object("testAccount", false)) {
    const auto username = account->required_string("username", {.min_chars = 1, .max_chars = 100});
    const auto password = account->optional_string("password", {.min_chars = 0, .max_chars = 100}).value_or("");
    const auto note =
        account->optional_string("note", {.min_chars = 0, .max_chars = 500, .multiline = true}).value_or("");
    account->check_unknown();
    s.test_account = {{"username", username}, {"password", password}, {"note", note}};
  }
  s.expedite = in.optional_bool("expedite").value_or(false);
  s.release_on_approval = in.optional_bool("releaseOnApproval").value_or(false);
  in.finish();
  return s;
}

}  // namespace

http::Response review_file_answer(ReviewService& s, const http::Request& req, const std::string& org_id) {
  const auto [file, path] = s.file(req.param("reviewId"), org_id, req.param("sha256"));
  // Sniffed as PNG or JPEG on the way in; an attachment, never rendered in the console's origin.
  return http::blob_response(req, {.path = path,
                                   .size = static_cast<std::uint64_t>(file.size),
                                   .sha256 = file.sha256,
                                   .content_type = file.content_type,
                                   .cache_control = "private, max-age=3600",
                                   .content_disposition = "attachment"});
}

nlohmann::json review_with_checks(const Review& r, const std::vector<CheckResult>& checks, std::int64_t now_ms,
                                  const std::vector<CaseFile>& screenshots) {
  auto out = to_json(r, now_ms);
  auto shots = nlohmann::json::array();
  for (const auto& f : screenshots) shots.push_back(to_json(f));
  out["screenshots"] = std::move(shots);
  auto list = nlohmann::json::array();
  for (const auto& c : checks) list.push_back(to_json(c));
  out["checkCounts"] = check_counts(checks);
  out["checks"] = std::move(list);
  return out;
}

nlohmann::json to_json(const PolicyView& p) {
  return {{"required", p.required},
          {"orgOverride", p.org_override ? nlohmann::json(*p.org_override) : nlohmann::json(nullptr)},
          {"platformRequired", p.platform_required}};
}

void mount_submission_routes(http::Router& router, ReviewService& service) {
  auto* s = &service;
  auto apps = router.group("/api/v1/apps");

  // Pre-checks read the whole package: the route runs on the worker pool, answers once they ran.
  apps.post("/{appId}/versions/{version}/submit",
            [s](http::Request& req) {
              const auto submission = read_submission(req);
              const auto r = s->submit(req.actor(), req.org_id, req.param("appId"), req.param("version"), submission);
              const auto done = s->run_prechecks(r.id);
              auto res = http::Response::json(
                  202, {{"reviewId", done.id}, {"status", done.status}, {"review", review_with_checks(done, s->checks(done.id), s->now_ms(), s->files(done.id))}});
              res.headers.set("Location", fmt::format("/api/v1/apps/{}/reviews", done.app_id));
              return res;
            })
      .permission("apps:release")
      .blocking();

  apps.post("/{appId}/versions/{version}/withdraw",
            [s](http::Request& req) {
              parse_optional_body(req).finish();
              const auto r = s->withdraw(req.actor(), req.org_id, req.param("appId"), req.param("version"));
              return http::Response::json(200, to_json(r, s->now_ms()));
            })
      .permission("apps:release");

  apps.get("/{appId}/reviews",
           [s](http::Request& req) {
             const auto page = http::read_page_request(req);
             const auto now = s->now_ms();
             const auto key = [](const Review& r) { return core::PageKey{r.created_ms, r.id}; };
             const auto item = [s, now](const Review& r) {
               return review_with_checks(r, s->checks(r.id), now, s->files(r.id));
             };
             return http::Response::json(
                 200, http::page_json(s->list_for_app(req.org_id, req.param("appId"), page), page, key, item));
           })
      .permission("apps:read");

  // A rejection's screenshot, for the organisation (its own mini-program's review).
  apps.get("/{appId}/reviews/{reviewId}/files/{sha256}",
           [s](http::Request& req) {
             // The review must be of this mini-program: checked through the organisation and the list.
             return review_file_answer(*s, req, req.org_id);
           })
      .permission("apps:read");

  router.group("/api/v1/orgs")
      .get("/{orgId}/review-policy",
           [s](http::Request& req) { return http::Response::json(200, to_json(s->policy(req.param("orgId")))); })
      .permission("apps:read");
}

}  // namespace cove::review
