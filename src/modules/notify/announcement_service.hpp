#pragma once
// Announcements: operators create, edit and delete them (operation log + outbox event in the
// same transaction); every signed-in user reads those meant for them and marks them read or
// closes their banner. The Markdown body is rendered once, when it is written.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/notify/announcement_model.hpp"

namespace cove::notify {

class AnnouncementService {
 public:
  AnnouncementService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock,
                      const accounts::AccountsApi& accounts)
      : db_(db), changes_(changes), clock_(clock), accounts_(accounts) {}

  // 400 validation_failed for a missing field, an unknown organisation or an end before the
  // start; 409 notify.too_many_announcements beyond kMaxAnnouncements.
  Announcement create(const core::Actor& actor, const AnnouncementFields& fields);
  Announcement update(const core::Actor& actor, const std::string& id, const AnnouncementFields& fields);
  void remove(const core::Actor& actor, const std::string& id);
  Announcement get(const std::string& id) const;
  core::Page<Announcement> list(const std::optional<std::string>& status, const core::PageRequest& page) const;

  // The announcements in their window meant for this principal (everyone; operators; members of
  // a named organisation), newest first, at most kMaxActiveAnnouncements.
  std::vector<AnnouncementView> for_reader(const core::Principal& reader) const;
  // 404 notify.announcement_not_found unless the announcement is active and meant for the reader.
  AnnouncementView mark(const core::Principal& reader, const std::string& id, bool dismissed);

  std::int64_t now_ms() const { return clock_.unix_millis(); }

 private:
  void apply(core::Conn& c, Announcement& a, const AnnouncementFields& f) const;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const accounts::AccountsApi& accounts_;
};

}  // namespace cove::notify
