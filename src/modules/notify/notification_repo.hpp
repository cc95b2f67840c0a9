#pragma once
// SQL of the inbox (notifications) and of the preferences. Every function is scoped to one user:
// a user's inbox is their own tenancy.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/notify/notification_model.hpp"

namespace cove::notify::notification_repo {

// False when the (event, user) pair was delivered already: the row is not written twice.
bool insert(core::Tx& tx, const Notification& n);
core::Page<Notification> list(core::Conn& c, const std::string& user_id, bool unread_only,
                              const std::optional<std::string>& category, const core::PageRequest& page);
std::optional<Notification> find(core::Conn& c, const std::string& user_id, const std::string& id);
std::int64_t unread_count(core::Conn& c, const std::string& user_id);
// Rows changed (0 when already read or not the user's).
int mark_read(core::Tx& tx, const std::string& user_id, const std::string& id, std::int64_t now_ms);
int mark_all_read(core::Tx& tx, const std::string& user_id, std::int64_t now_ms);
int remove(core::Tx& tx, const std::string& user_id, const std::string& id);
// Keeps the newest `keep` of a user's notifications (an inbox has a bounded size).
int trim(core::Tx& tx, const std::string& user_id, std::int64_t keep);

std::vector<KindPreference> stored_preferences(core::Conn& c, const std::string& user_id);
void save_preference(core::Tx& tx, const std::string& user_id, const KindPreference& p);
std::optional<std::string> language(core::Conn& c, const std::string& user_id);
void save_language(core::Tx& tx, const std::string& user_id, const std::string& language, std::int64_t now_ms);

}  // namespace cove::notify::notification_repo
