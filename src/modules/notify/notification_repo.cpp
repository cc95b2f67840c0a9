#include "modules/notify/notification_repo.hpp"

#include "core/db_row.hpp"

namespace cove::notify {

void read_row(core::Row& r, Notification& n) {
  std::optional<std::string> org;
  std::optional<std::int64_t> read;
  r.read(n.id, n.user_id, n.event_id, n.kind, n.category, n.severity, org, n.title, n.body, n.link, n.data,
         n.created_ms, read);
  n.org_id = org.value_or("");
  n.read_ms = read.value_or(0);
}

void read_row(core::Row& r, KindPreference& p) { r.read(p.kind, p.inbox, p.email); }

namespace notification_repo {

namespace {
const std::string kColumns =
    "id, user_id, event_id, kind, category, severity, org_id, title, body, link, data, created_ms, read_ms";
}  // namespace

bool insert(core::Tx& tx, const Notification& n) {
  // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): a repeated delivery of the event is a no-op.
  return tx.exec("INSERT INTO notifications(" + kColumns +
                     ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, user_id) DO NOTHING",
                 n.id, n.user_id, n.event_id, n.kind, n.category, n.severity, core::null_if_empty(n.org_id), n.title,
                 n.body, n.link, n.data, n.created_ms, core::null_if_zero(n.read_ms)) == 1;
}

core::Page<Notification> list(core::Conn& c, const std::string& user_id, bool unread_only,
                              const std::optional<std::string>& category, const core::PageRequest& page) {
  return c.query_page<Notification>(
      "SELECT " + kColumns,
      "FROM notifications WHERE user_id = ?1 AND (?2 = 0 OR read_ms IS NULL) AND (?3 IS NULL OR category = ?3)",
      core::newest_first_page_sql("", 4), page, user_id, unread_only, category);
}

std::optional<Notification> find(core::Conn& c, const std::string& user_id, const std::string& id) {
  return c.query_one<Notification>("SELECT " + kColumns + " FROM notifications WHERE id = ? AND user_id = ?", id,
                                   user_id);
}

std::int64_t unread_count(core::Conn& c, const std::string& user_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM notifications WHERE user_id = ? AND read_ms IS NULL",
                                     user_id);
}

int mark_read(core::Tx& tx, const std::string& user_id, const std::string& id, std::int64_t now_ms) {
  return tx.exec("UPDATE notifications SET read_ms = ? WHERE id = ? AND user_id = ? AND read_ms IS NULL", now_ms, id,
                 user_id);
}

int mark_all_read(core::Tx& tx, const std::string& user_id, std::int64_t now_ms) {
  return tx.exec("UPDATE notifications SET read_ms = ? WHERE user_id = ? AND read_ms IS NULL", now_ms, user_id);
}

int remove(core::Tx& tx, const std::string& user_id, const std::string& id) {
  return tx.exec("DELETE FROM notifications WHERE id = ? AND user_id = ?", id, user_id);
}

int trim(core::Tx& tx, const std::string& user_id, std::int64_t keep) {
  return tx.exec(
      "DELETE FROM notifications WHERE user_id = ?1 AND id NOT IN (SELECT id FROM notifications WHERE user_id = ?1 "
      "ORDER BY created_ms DESC, id DESC LIMIT ?2)",
      user_id, keep);
}

std::vector<KindPreference> stored_preferences(core::Conn& c, const std::string& user_id) {
  return c.query_all<KindPreference>("SELECT kind, inbox, email FROM notification_preferences WHERE user_id = ?",
                                     user_id);
}

void save_preference(core::Tx& tx, const std::string& user_id, const KindPreference& p) {
  tx.exec(
      "INSERT INTO notification_preferences(user_id, kind, inbox, email) VALUES(?, ?, ?, ?) "
      "ON CONFLICT (user_id, kind) DO UPDATE SET inbox = excluded.inbox, email = excluded.email",
      user_id, p.kind, p.inbox, p.email);
}

std::optional<std::string> language(core::Conn& c, const std::string& user_id) {
  return c.query_one<std::string>("SELECT language FROM notification_settings WHERE user_id = ?", user_id);
}

void save_language(core::Tx& tx, const std::string& user_id, const std::string& language, std::int64_t now_ms) {
  tx.exec(
      "INSERT INTO notification_settings(user_id, language, updated_ms) VALUES(?, ?, ?) "
      "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_ms = excluded.updated_ms",
      user_id, language, now_ms);
}

}  // namespace notification_repo

}  // namespace cove::notify
