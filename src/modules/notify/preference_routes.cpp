// /api/v1/me/notification-preferences: per kind and channel (inbox, e-mail), and the language
// notifications are written in. Security kinds cannot be muted.
#include <set>

#include <fmt/format.h>

#include "core/json_input.hpp"
#include "modules/notify/notification_kinds.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

namespace {

const std::string kSelf = "self";
constexpr std::size_t kBodyLimit = 16 * 1024;

PreferenceChange read_change(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  PreferenceChange change;
  change.language = in.optional_string("language", {.min_chars = 1, .max_chars = 10});
  if (change.language && !is_language(*change.language)) {
    in.add_error("language", "unknown_value", "Use zh-CN or en-US");
  }
  if (const auto* items = in.take("items")) {
    if (!items->is_array()) {
      in.add_error("items", "invalid_type", "Give an array of {kind, inbox, email}");
    } else if (items->size() > notification_kinds().size()) {
      in.add_error("items", "too_many", fmt::format("At most {} items", notification_kinds().size()));
    } else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < items->size(); ++i) {
        const auto path = fmt::format("items[{}]", i);
        if (!(*items)[i].is_object()) {
          in.add_error(path, "invalid_type", "Give an object {kind, inbox, email}");
          continue;
        }
        core::JsonInput item((*items)[i], in.errors(), path + ".");
        KindPreference p;
        p.kind = item.required_string("kind", {.min_chars = 1, .max_chars = 64});
        const auto inbox = item.optional_bool("inbox");
        const auto email = item.optional_bool("email");
        item.check_unknown();
        const auto* kind = find_kind(p.kind);
        if (!p.kind.empty() && kind == nullptr) {
          in.add_error(path + ".kind", "unknown_value", "No such notification kind");
          continue;
        }
        if (kind == nullptr) continue;
        if (!seen.insert(p.kind).second) {
          in.add_error(path + ".kind", "duplicate", "Each kind at most once");
          continue;
        }
        p.inbox = inbox.value_or(true);
        p.email = email.value_or(kind->email_default);
        if (kind->security && (!p.inbox || !p.email)) {
          in.add_error(path, "cannot_mute", "Security notifications cannot be turned off");
          continue;
        }
        change.kinds.push_back(p);
      }
    }
  }
  in.finish();
  return change;
}

}  // namespace

void mount_preference_routes(http::Router& router, const NotifyServices& s) {
  InboxService* inbox = &s.inbox;
  auto me = router.group("/api/v1/me/notification-preferences");
  me.get("", [inbox](http::Request& req) {
      return http::Response::json(200, to_json(inbox->preferences(req.principal->id)));
    }).permission(kSelf);
  me.put("",
         [inbox](http::Request& req) {
           const auto change = read_change(req);
           return http::Response::json(200, to_json(inbox->set_preferences(req.actor(), change)));
         })
      .permission(kSelf)
      .body_limit(kBodyLimit);
}

}  // namespace cove::notify
