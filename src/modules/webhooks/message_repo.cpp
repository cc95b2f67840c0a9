#include "modules/webhooks/message_repo.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace cove::webhooks::message_repo {

namespace {

const std::string kColumns =
    "id, endpoint_id, event_id, type, app_id, body, status, attempts, next_attempt_ms, next_trigger, last_status, "
    "last_error, created_ms, updated_ms";
const std::string kSelect = "SELECT " + kColumns + " FROM webhook_messages ";

}  // namespace

void read_row(core::Row& r, Message& m) {
  std::optional<std::int64_t> event_id, next, last_status;
  r.read(m.id, m.endpoint_id, event_id, m.type, m.app_id, m.body, m.status, m.attempts, next, m.next_trigger,
         last_status, m.last_error, m.created_ms, m.updated_ms);
  m.event_id = event_id.value_or(0);
  m.next_attempt_ms = next.value_or(0);
  m.last_status = static_cast<int>(last_status.value_or(0));
}

void read_row(core::Row& r, Attempt& a) {
  std::optional<std::int64_t> status;
  r.read(a.id, a.message_id, a.endpoint_id, a.trigger, status, a.error, a.response, a.duration_ms, a.created_ms);
  a.status = static_cast<int>(status.value_or(0));
}

bool insert(core::Tx& tx, const Message& m) {
  return tx.exec("INSERT OR IGNORE INTO webhook_messages(" + kColumns +
                     ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 m.id, m.endpoint_id, core::null_if_zero(m.event_id), m.type, core::null_if_empty(m.app_id), m.body,
                 m.status, m.attempts, core::null_if_zero(m.next_attempt_ms), m.next_trigger,
                 core::null_if_zero(std::int64_t{m.last_status}), core::null_if_empty(m.last_error), m.created_ms,
                 m.updated_ms) > 0;
}

std::optional<Message> find(core::Conn& c, const std::string& endpoint_id, const std::string& id) {
  return c.query_one<Message>(kSelect + "WHERE id = ? AND endpoint_id = ?", id, endpoint_id);
}

core::Page<Message> list(core::Conn& c, const std::string& endpoint_id, const MessageFilter& filter,
                         const core::PageRequest& page) {
  return c.query_page<Message>(
      "SELECT " + kColumns,
      "FROM webhook_messages WHERE endpoint_id = ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR type = ?3)",
      core::newest_first_page_sql("", 4), page, endpoint_id, filter.status, filter.type);
}

std::optional<Message> next_due(core::Conn& c, std::int64_t now_ms, const std::vector<std::string>& busy) {
  // Each endpoint's earliest pending message (one seek in webhook_messages_endpoint_due), the
  // choice made here: a NOT IN over the busy list, or an ORDER BY, made SQLite build and free a
  // temporary b-tree on every claim, and that allocation churn cost more than the claim itself.
  std::optional<std::pair<std::int64_t, std::string>> best;
  auto& heads = c.prepare(
      "SELECT e.id, (SELECT min(m.next_attempt_ms) FROM webhook_messages m "
      "              WHERE m.status = 'pending' AND m.endpoint_id = e.id) FROM webhook_endpoints e");
  while (heads.executeStep()) {
    if (heads.getColumn(1).isNull()) continue;
    std::pair<std::int64_t, std::string> head{heads.getColumn(1).getInt64(), heads.getColumn(0).getString()};
    if (head.first > now_ms || (best && head >= *best)) continue;
    if (std::find(busy.begin(), busy.end(), head.second) != busy.end()) continue;
    best = std::move(head);
  }
  if (!best) return std::nullopt;
  return c.query_one<Message>(kSelect +
                                  "WHERE status = 'pending' AND endpoint_id = ?1 AND next_attempt_ms <= ?2 "
                                  "ORDER BY next_attempt_ms, created_ms, id LIMIT 1",
                              best->second, now_ms);
}

std::int64_t next_due_ms(core::Conn& c) {
  return c.query_one<std::optional<std::int64_t>>(
             "SELECT min(next_attempt_ms) FROM webhook_messages WHERE status = 'pending'")
      .value_or(std::nullopt)
      .value_or(0);
}

void update_state(core::Tx& tx, const Message& m) {
  tx.exec(
      "UPDATE webhook_messages SET status = ?, attempts = ?, next_attempt_ms = ?, next_trigger = ?, last_status = ?, "
      "last_error = ?, updated_ms = ? WHERE id = ?",
      m.status, m.attempts, core::null_if_zero(m.next_attempt_ms), m.next_trigger, core::null_if_zero(std::int64_t{m.last_status}),
      core::null_if_empty(m.last_error), m.updated_ms, m.id);
}

void insert_attempt(core::Tx& tx, const Attempt& a) {
  tx.exec(
      "INSERT INTO webhook_attempts(message_id, endpoint_id, trigger, status, error, response, duration_ms, "
      "created_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
      a.message_id, a.endpoint_id, a.trigger, core::null_if_zero(std::int64_t{a.status}),
      core::null_if_empty(a.error), a.response, a.duration_ms, a.created_ms);
}

std::vector<Attempt> attempts(core::Conn& c, const std::string& message_id) {
  return c.query_all<Attempt>(
      "SELECT id, message_id, endpoint_id, trigger, status, error, response, duration_ms, created_ms "
      "FROM webhook_attempts WHERE message_id = ? ORDER BY id",
      message_id);
}

std::vector<Message> failed_since(core::Conn& c, const std::string& endpoint_id, std::int64_t since_ms, int limit) {
  return c.query_all<Message>(kSelect +
                                  "WHERE endpoint_id = ? AND status = 'failed' AND created_ms >= ? "
                                  "ORDER BY created_ms, id LIMIT ?",
                              endpoint_id, since_ms, limit);
}

void fail_pending(core::Tx& tx, const std::string& endpoint_id, const std::string& reason, std::int64_t now_ms) {
  tx.exec(
      "UPDATE webhook_messages SET status = 'failed', next_attempt_ms = NULL, last_error = ?, updated_ms = ? "
      "WHERE endpoint_id = ? AND status = 'pending'",
      reason, now_ms, endpoint_id);
}

std::int64_t prune(core::Tx& tx, std::int64_t cutoff_ms, int limit) {
  return tx.exec(
      "DELETE FROM webhook_messages WHERE id IN (SELECT id FROM webhook_messages "
      "WHERE status <> 'pending' AND updated_ms < ? LIMIT ?)",
      cutoff_ms, limit);
}

}  // namespace cove::webhooks::message_repo
