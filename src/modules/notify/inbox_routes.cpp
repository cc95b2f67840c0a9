// /api/v1/me/notifications: the signed-in user's inbox (通知中心) and its live stream. Every route
// is "self" — a user reads only their own inbox, so another user's id answers 404.
#include <vector>

#include "core/json_input.hpp"
#include "http/event_stream.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/notify/notification_kinds.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

namespace {

const std::string kSelf = "self";

InboxFilter read_filter(http::QueryInput& q) {
  InboxFilter f;
  f.unread_only = q.optional_bool("unread").value_or(false);
  f.category = q.one_of("category", {"organisation", "member", "review", "version", "gray", "domain", "certificate",
                                     "case", "integration", "security"});
  return f;
}

// The routes that take no body refuse one, so a typo'd client learns of it.
void no_body(const http::Request& req) {
  if (!req.body.empty()) core::JsonInput::parse(req.body).finish();
}

}  // namespace

void mount_inbox_routes(http::Router& router, const NotifyServices& s) {
  InboxService* inbox = &s.inbox;
  LiveHub* hub = &s.hub;
  auto me = router.group("/api/v1/me/notifications");

  me.get("",
         [inbox](http::Request& req) {
           http::QueryInput q(req);
           const auto filter = read_filter(q);
           const auto page = q.page();
           q.finish();
           return http::Response::json(
               200, http::page_json(inbox->list(req.principal->id, filter, page), page,
                                    [](const Notification& n) { return core::PageKey{n.created_ms, n.id}; },
                                    [](const Notification& n) { return to_json(n); }));
         })
      .permission(kSelf);

  me.get("/unread-count",
         [inbox](http::Request& req) {
           return http::Response::json(200, {{"unreadCount", inbox->unread_count(req.principal->id)}});
         })
      .permission(kSelf);

  me.post("/{notificationId}/read",
          [inbox](http::Request& req) {
            no_body(req);
            return http::Response::json(200, to_json(inbox->mark_read(req.principal->id, req.param("notificationId"))));
          })
      .permission(kSelf)
      .body_limit(1024);

  me.post("/read-all",
          [inbox](http::Request& req) {
            no_body(req);
            const auto marked = inbox->mark_all_read(req.principal->id);
            return http::Response::json(200, {{"marked", marked}, {"unreadCount", 0}});
          })
      .permission(kSelf)
      .body_limit(1024);

  me.del("/{notificationId}",
         [inbox](http::Request& req) {
           inbox->remove(req.principal->id, req.param("notificationId"));
           return http::Response::no_content();
         })
      .permission(kSelf);

  // Server-Sent Events: "ready" with the unread count at once, then "notification" ({item,
  // unreadCount}) for each new one and "unread" ({unreadCount}) when reading changes it. Browsers'
  // EventSource cannot send an Authorization header, so the console reads it with fetch().
  me.get("/stream",
         [inbox, hub](http::Request& req) {
           auto stream = hub->open(req.principal->id);
           stream->send("ready", nlohmann::json{{"unreadCount", inbox->unread_count(req.principal->id)}}.dump());
           http::Response res;
           res.status = 200;
           res.headers.set("Content-Type", "text/event-stream; charset=utf-8");
           res.headers.set("Cache-Control", "no-store");
           res.headers.set("X-Accel-Buffering", "no");  // nginx would hold the frames back
           res.events = std::move(stream);
           return res;
         })
      .permission(kSelf)
      .event_stream();
}

}  // namespace cove::notify
