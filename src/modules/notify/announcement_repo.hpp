#pragma once
// SQL of announcements and their per-user read state (no rules).
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/notify/announcement_model.hpp"

namespace cove::notify {

void read_row(core::Row& r, Announcement& a);
void read_row(core::Row& r, AnnouncementView& v);

namespace announcement_repo {

void insert(core::Tx& tx, const Announcement& a);
void update(core::Tx& tx, const Announcement& a);
bool remove(core::Tx& tx, const std::string& id);
std::optional<Announcement> find(core::Conn& c, const std::string& id);
std::int64_t count(core::Conn& c);
// Newest first; `status` (scheduled | active | ended) at `now_ms`.
core::Page<Announcement> list(core::Conn& c, const std::optional<std::string>& status, std::int64_t now_ms,
                              const core::PageRequest& page);
// Announcements in their window at `now_ms` with `user_id`'s state, newest start first; the
// caller filters by audience (organisation lists are loaded with them).
std::vector<AnnouncementView> active(core::Conn& c, const std::string& user_id, std::int64_t now_ms, int limit);
// Records that the user read it (and closed its banner when `dismissed`); idempotent.
void mark(core::Tx& tx, const std::string& id, const std::string& user_id, std::int64_t now_ms, bool dismissed);

}  // namespace announcement_repo

}  // namespace cove::notify
