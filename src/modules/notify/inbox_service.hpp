#pragma once
// A user's own inbox and preferences (the /api/v1/me/notifications routes). Reading state and
// deleting from one's own inbox are not operations of the platform and write no operation-log
// entry (as reading a mail is not); changing preferences does. Every change is pushed to the
// user's open streams as the new unread count.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/notify/live_hub.hpp"
#include "modules/notify/notification_model.hpp"

namespace cove::notify {

struct InboxFilter {
  bool unread_only = false;
  std::optional<std::string> category;
};

struct PreferenceChange {
  std::optional<std::string> language;
  std::vector<KindPreference> kinds;  // validated: known kinds, security kinds not muted
};

class InboxService {
 public:
  InboxService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, LiveHub& hub)
      : db_(db), changes_(changes), clock_(clock), hub_(hub) {}

  core::Page<Notification> list(const std::string& user_id, const InboxFilter& filter,
                                const core::PageRequest& page) const;
  std::int64_t unread_count(const std::string& user_id) const;
  // 404 notify.not_found for another user's or an unknown id; reading twice is fine.
  Notification mark_read(const std::string& user_id, const std::string& id);
  std::int64_t mark_all_read(const std::string& user_id);  // how many were unread
  void remove(const std::string& user_id, const std::string& id);

  Preferences preferences(const std::string& user_id) const;
  Preferences set_preferences(const core::Actor& actor, const PreferenceChange& change);

 private:
  void push_unread(const std::string& user_id);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  LiveHub& hub_;
};

}  // namespace cove::notify
