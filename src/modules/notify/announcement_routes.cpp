// /api/v1/platform/announcements (operators: create, list, read, edit, delete),
// /api/v1/me/announcements (the signed-in user's active ones, read and banner-dismissed state)
// and /api/v1/markdown/preview (the editors' live preview, rendered as the server will store it).
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/notify/content_input.hpp"
#include "modules/notify/markdown_render.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

namespace {

constexpr const char* kPermission = "platform:content";
const std::string kSelf = "self";
// A body at the limits (20,000 characters of up to 4 UTF-8 bytes, 100 organisation ids) fits.
constexpr std::size_t kBodyLimit = 128 * 1024;
// The preview takes the larger of the two editors' limits (articles).
constexpr std::size_t kPreviewBodyLimit = 512 * 1024;

AnnouncementFields read_fields(const http::Request& req, bool creating) {
  auto in = core::JsonInput::parse(req.body);
  AnnouncementFields f;
  const core::StringRule title{.min_chars = 1, .max_chars = kMaxAnnouncementTitleChars};
  const core::StringRule body{.min_chars = 1, .max_chars = kMaxAnnouncementBodyChars, .multiline = true};
  if (creating) {
    f.title = in.required_string("title", title);
    f.body_markdown = in.required_string("body", body);
  } else {
    f.title = in.optional_string("title", title);
    f.body_markdown = in.optional_string("body", body);
  }
  f.severity = in.optional_string("severity", {.min_chars = 1, .max_chars = 10});
  if (f.severity && *f.severity != "info" && *f.severity != "warning" && *f.severity != "critical")
    in.add_error("severity", "unknown_value", "Use info, warning or critical");
  f.audience = in.optional_string("audience", {.min_chars = 1, .max_chars = 10});
  if (f.audience && *f.audience != "all" && *f.audience != "operators" && *f.audience != "orgs")
    in.add_error("audience", "unknown_value", "Use all, operators or orgs");
  f.org_ids = read_string_list(in, "orgIds", kMaxAnnouncementOrgs, {.min_chars = 1, .max_chars = 64});
  if (const auto starts = read_time(in, "startsAt")) {
    if (*starts) f.starts_ms = **starts;
    else in.add_error("startsAt", "invalid_time", "Give a start time, or leave the field out");
  }
  f.ends_ms = read_time(in, "endsAt");
  in.finish();
  return f;
}

void no_body(const http::Request& req) {
  if (!req.body.empty()) core::JsonInput::parse(req.body).finish();
}

}  // namespace

void mount_announcement_routes(http::Router& router, const NotifyServices& s) {
  AnnouncementService* service = &s.announcements;
  auto platform = router.group("/api/v1/platform/announcements");

  platform
      .get("",
           [service](http::Request& req) {
             http::QueryInput q(req);
             const auto status = q.one_of("status", {"scheduled", "active", "ended"});
             const auto page = q.page();
             q.finish();
             const auto now = service->now_ms();
             return http::Response::json(
                 200, http::page_json(service->list(status, page), page,
                                      [](const Announcement& a) { return core::PageKey{a.created_ms, a.id}; },
                                      [now](const Announcement& a) { return to_json(a, now); }));
           })
      .permission(kPermission);

  platform
      .post("",
            [service](http::Request& req) {
              const auto a = service->create(req.actor(), read_fields(req, true));
              auto res = http::Response::json(201, to_json(a, service->now_ms()));
              res.headers.set("Location", fmt::format("/api/v1/platform/announcements/{}", a.id));
              return res;
            })
      .permission(kPermission)
      .body_limit(kBodyLimit);

  platform
      .get("/{announcementId}",
           [service](http::Request& req) {
             return http::Response::json(200, to_json(service->get(req.param("announcementId")), service->now_ms()));
           })
      .permission(kPermission);

  platform
      .patch("/{announcementId}",
             [service](http::Request& req) {
               const auto fields = read_fields(req, false);
               return http::Response::json(
                   200, to_json(service->update(req.actor(), req.param("announcementId"), fields), service->now_ms()));
             })
      .permission(kPermission)
      .body_limit(kBodyLimit);

  platform
      .del("/{announcementId}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.param("announcementId"));
             return http::Response::no_content();
           })
      .permission(kPermission);

  auto me = router.group("/api/v1/me/announcements");
  me.get("",
         [service](http::Request& req) {
           http::QueryInput q(req);
           q.finish();
           auto items = nlohmann::json::array();
           for (const auto& v : service->for_reader(*req.principal)) items.push_back(to_json(v));
           return http::Response::json(200, {{"items", std::move(items)}});
         })
      .permission(kSelf);
  me.post("/{announcementId}/read",
          [service](http::Request& req) {
            no_body(req);
            return http::Response::json(200, to_json(service->mark(*req.principal, req.param("announcementId"), false)));
          })
      .permission(kSelf);
  me.post("/{announcementId}/dismiss",
          [service](http::Request& req) {
            no_body(req);
            return http::Response::json(200, to_json(service->mark(*req.principal, req.param("announcementId"), true)));
          })
      .permission(kSelf);

  // What the server would store for this Markdown: the same renderer, nothing written.
  router.group("/api/v1/markdown")
      .post("/preview",
            [](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto markdown =
                  in.required_string("markdown", {.min_chars = 0, .max_chars = kMaxMarkdownChars, .multiline = true});
              in.finish();
              const auto rendered = render_markdown(markdown);
              return http::Response::json(200, {{"html", rendered.html}, {"text", rendered.text}});
            })
      .permission(kSelf)
      .body_limit(kPreviewBodyLimit);
}

}  // namespace cove::notify
