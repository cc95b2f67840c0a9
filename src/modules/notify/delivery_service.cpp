#include "modules/notify/delivery_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/ids.hpp"
#include "modules/notify/message_text.hpp"
#include "modules/notify/notification_repo.hpp"

namespace cove::notify {

KindPreference effective_preference(const NotificationKind& kind, const std::vector<KindPreference>& stored) {
  KindPreference p{std::string(kind.topic), true, kind.email_default};
  const auto it = std::find_if(stored.begin(), stored.end(), [&](const auto& s) { return s.kind == kind.topic; });
  if (it != stored.end()) p = *it;
  if (kind.security) p.inbox = p.email = true;
  return p;
}

std::vector<accounts::Recipient> DeliveryService::recipients(core::Conn& c, const NotificationKind& kind,
                                                             const nlohmann::json& payload) const {
  const auto org_id = payload.value("orgId", std::string());
  const std::vector<std::string> managers = {"owner", "admin"};
  switch (kind.audience) {
    case Audience::kOrgManagers: return accounts_.org_recipients(c, org_id, managers);
    case Audience::kOrgTeam: return accounts_.org_recipients(c, org_id, {"owner", "admin", "developer"});
    case Audience::kSubject: {
      auto one = accounts_.recipient(c, payload.value("userId", std::string()));
      if (!one) return {};
      return {*one};
    }
    case Audience::kOperators: return accounts_.operator_recipients(c, {"platform_admin"});
    case Audience::kReviewers: return accounts_.operator_recipients(c, {"platform_admin", "platform_reviewer"});
    case Audience::kOwnerManagers:
      return org_id.empty() ? accounts_.operator_recipients(c, {"platform_admin"})
                            : accounts_.org_recipients(c, org_id, managers);
  }
  return {};
}

namespace {

// Inboxes list newest first by (created_ms, id); events delivered within one millisecond would
// tie on the first and fall in random order on the second. The event's id leads the id, zero-padded
// so text order is event order, and random characters follow (one item per event and user).
std::string notification_id(std::int64_t event_id) {
  return fmt::format("ntf_{:011d}{}", event_id, core::new_id("x").substr(2, 11));
}

}  // namespace

void DeliveryService::deliver(const core::Event& event) {
  const auto* kind = find_kind(event.topic);
  if (kind == nullptr) return;
  std::vector<Notification> delivered;
  db_.write([&](core::Tx& tx) {
    auto vars = vars_from_payload(event.payload);
    const auto org_id = event.payload.value("orgId", std::string());
    if (!org_id.empty()) {
      const auto names = accounts_.org_names(tx, {org_id});
      if (const auto it = names.find(org_id); it != names.end()) vars["org"] = it->second;
    }
    if (!vars.contains("org") && event.payload.contains("name")) vars["org"] = vars["name"];
    const auto app_id = event.payload.value("appId", std::string());
    const auto version = event.payload.value("version", std::string());
    if (!app_id.empty() && !version.empty()) {
      if (const auto target = apps_.review_target(tx, org_id, app_id, version)) vars["app"] = target->app_name;
    } else if (!app_id.empty()) {
      // Events about the mini-program itself (cases): its name, within the event's organisation.
      if (const auto subject = apps_.case_subject(tx, app_id); subject && subject->org_id == org_id) {
        vars["app"] = subject->name;
      }
    }
    if (!vars.contains("app") || vars["app"].empty()) vars["app"] = app_id;
    const bool platform_owned = event.payload.value("orgId", "").empty();
    const auto link = fill_link(platform_owned && !kind->platform_link.empty() ? kind->platform_link : kind->link, vars);
    const auto now = clock_.unix_millis();
    for (const auto& r : recipients(tx, *kind, event.payload)) {
      const auto pref = effective_preference(*kind, notification_repo::stored_preferences(tx, r.user_id));
      const auto language = notification_repo::language(tx, r.user_id).value_or(std::string(kLanguages[0]));
      const auto& words = language == "en-US" ? kind->en_us : kind->zh_cn;
      const auto texts = localized(vars, language);
      Notification n{.id = notification_id(event.id),
                     .user_id = r.user_id,
                     .event_id = event.id,
                     .kind = std::string(kind->topic),
                     .category = std::string(kind->category),
                     .severity = std::string(kind->severity),
                     .org_id = org_id,
                     .title = fill(words.title, texts),
                     .body = fill(words.body, texts),
                     .link = link,
                     .data = event.payload,
                     .created_ms = now};
      if (pref.inbox) {
        if (!notification_repo::insert(tx, n)) continue;  // delivered before a crash: nothing twice
        notification_repo::trim(tx, r.user_id, kInboxLimit);
        delivered.push_back(n);
      }
      if (pref.email && mail_) mail_(tx, {event.id, r, language, kind, n.title, n.body, link});
    }
  });
  for (const auto& n : delivered) {
    const auto unread = db_.read([&](core::Conn& c) { return notification_repo::unread_count(c, n.user_id); });
    hub_.publish(n.user_id, "notification", nlohmann::json{{"item", to_json(n)}, {"unreadCount", unread}}.dump());
  }
}

}  // namespace cove::notify
