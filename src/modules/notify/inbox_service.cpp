#include "modules/notify/inbox_service.hpp"

#include "modules/notify/delivery_service.hpp"
#include "modules/notify/notify_api.hpp"
#include "modules/notify/notification_kinds.hpp"
#include "modules/notify/notification_repo.hpp"

namespace cove::notify {

core::Page<Notification> InboxService::list(const std::string& user_id, const InboxFilter& filter,
                                            const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    return notification_repo::list(c, user_id, filter.unread_only, filter.category, page);
  });
}

std::int64_t InboxService::unread_count(const std::string& user_id) const {
  return db_.read([&](core::Conn& c) { return notification_repo::unread_count(c, user_id); });
}

Notification InboxService::mark_read(const std::string& user_id, const std::string& id) {
  const auto n = db_.write([&](core::Tx& tx) {
    const bool changed = notification_repo::mark_read(tx, user_id, id, clock_.unix_millis()) > 0;
    auto found = notification_repo::find(tx, user_id, id);
    if (!found) throw errors::notification_not_found();
    return std::pair{*found, changed};
  });
  if (n.second) push_unread(user_id);
  return n.first;
}

std::int64_t InboxService::mark_all_read(const std::string& user_id) {
  const auto changed =
      db_.write([&](core::Tx& tx) { return notification_repo::mark_all_read(tx, user_id, clock_.unix_millis()); });
  if (changed > 0) push_unread(user_id);
  return changed;
}

void InboxService::remove(const std::string& user_id, const std::string& id) {
  db_.write([&](core::Tx& tx) {
    if (notification_repo::remove(tx, user_id, id) == 0) throw errors::notification_not_found();
  });
  push_unread(user_id);
}

Preferences InboxService::preferences(const std::string& user_id) const {
  return db_.read([&](core::Conn& c) {
    Preferences p;
    p.language = notification_repo::language(c, user_id).value_or(std::string(kLanguages[0]));
    const auto stored = notification_repo::stored_preferences(c, user_id);
    for (const auto& kind : notification_kinds()) p.kinds.push_back(effective_preference(kind, stored));
    return p;
  });
}

Preferences InboxService::set_preferences(const core::Actor& actor, const PreferenceChange& change) {
  const auto& user_id = actor.principal->id;
  const auto before = preferences(user_id);
  auto kinds_json = nlohmann::json::array();
  for (const auto& k : change.kinds) kinds_json.push_back({{"kind", k.kind}, {"inbox", k.inbox}, {"email", k.email}});
  db_.write([&](core::Tx& tx) {
    if (change.language) notification_repo::save_language(tx, user_id, *change.language, clock_.unix_millis());
    for (const auto& k : change.kinds) notification_repo::save_preference(tx, user_id, k);
    changes_.record(tx, actor,
                    {.action = "notification_preferences.updated",
                     .target_type = "user",
                     .target_id = user_id,
                     .before = {{"language", before.language}},
                     .after = {{"language", change.language.value_or(before.language)}, {"kinds", kinds_json}}});
  });
  return preferences(user_id);
}

void InboxService::push_unread(const std::string& user_id) {
  hub_.publish(user_id, "unread", nlohmann::json{{"unreadCount", unread_count(user_id)}}.dump());
}

}  // namespace cove::notify
