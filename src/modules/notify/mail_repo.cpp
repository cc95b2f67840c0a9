#include "modules/notify/mail_repo.hpp"

#include "core/db_row.hpp"

namespace cove::notify {

void read_row(core::Row& r, MailMessage& m) {
  std::optional<std::string> user, body;
  std::optional<std::int64_t> sent;
  r.read(m.id, m.event_id, user, m.kind, m.to_address, m.subject, body, m.security, m.state, m.attempts,
         m.next_attempt_ms, m.last_reply, m.created_ms, sent);
  m.user_id = user.value_or("");
  m.body = body.value_or("");
  m.sent_ms = sent.value_or(0);
}

namespace mail_repo {

void read_row(core::Row& r, StoredSettings& s) {
  r.read(s.settings.host, s.settings.port, s.settings.security, s.settings.username, s.password_sealed,
         s.settings.from_address, s.settings.from_name, s.settings.updated_ms);
  s.settings.source = "console";
}

namespace {
const std::string kColumns =
    "id, event_id, user_id, kind, to_address, subject, body, security, state, attempts, next_attempt_ms, "
    "last_reply, created_ms, sent_ms";
}  // namespace

std::optional<StoredSettings> settings(core::Conn& c) {
  return c.query_one<StoredSettings>(
      "SELECT host, port, security, username, password_sealed, from_address, from_name, updated_ms "
      "FROM mail_settings WHERE id = 1");
}

void save_settings(core::Tx& tx, const MailSettings& s, const std::optional<std::string>& password_sealed,
                   const std::string& updated_by) {
  tx.exec(
      "INSERT INTO mail_settings(id, host, port, security, username, password_sealed, from_address, from_name, "
      "updated_ms, updated_by) VALUES(1, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
      "host = excluded.host, port = excluded.port, security = excluded.security, username = excluded.username, "
      "password_sealed = excluded.password_sealed, from_address = excluded.from_address, "
      "from_name = excluded.from_name, updated_ms = excluded.updated_ms, updated_by = excluded.updated_by",
      s.host, s.port, s.security, s.username, password_sealed, s.from_address, s.from_name, s.updated_ms,
      updated_by);
}

bool insert(core::Tx& tx, const MailMessage& m) {
  return tx.exec("INSERT INTO mail_messages(" + kColumns +
                     ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (event_id, user_id) WHERE event_id IS NOT NULL DO NOTHING",
                 m.id, m.event_id, core::null_if_empty(m.user_id), m.kind, m.to_address, m.subject,
                 core::null_if_empty(m.body), m.security, m.state, m.attempts, m.next_attempt_ms, m.last_reply,
                 m.created_ms, core::null_if_zero(m.sent_ms)) == 1;
}

std::vector<MailMessage> due(core::Conn& c, std::int64_t now_ms, int limit) {
  return c.query_all<MailMessage>("SELECT " + kColumns +
                                      " FROM mail_messages WHERE state = 'queued' AND next_attempt_ms <= ? "
                                      "ORDER BY next_attempt_ms, created_ms LIMIT ?",
                                  now_ms, limit);
}

void update_attempt(core::Tx& tx, const MailMessage& m) {
  tx.exec(
      "UPDATE mail_messages SET body = ?, state = ?, attempts = ?, next_attempt_ms = ?, last_reply = ?, sent_ms = ? "
      "WHERE id = ?",
      core::null_if_empty(m.body), m.state, m.attempts, m.next_attempt_ms, m.last_reply, core::null_if_zero(m.sent_ms),
      m.id);
}

std::int64_t sent_since(core::Conn& c, std::int64_t since_ms) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM mail_messages WHERE sent_ms >= ?", since_ms);
}

core::Page<MailMessage> list(core::Conn& c, const std::optional<std::string>& state, const core::PageRequest& page) {
  return c.query_page<MailMessage>("SELECT " + kColumns, "FROM mail_messages WHERE (?1 IS NULL OR state = ?1)",
                                   core::newest_first_page_sql("", 2), page, state);
}

}  // namespace mail_repo

}  // namespace cove::notify
