#pragma once
// SQL for webhook messages (one per event and endpoint) and their delivery attempts.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/webhooks/webhook_model.hpp"

namespace cove::webhooks::message_repo {

void read_row(core::Row& r, Message& m);
void read_row(core::Row& r, Attempt& a);

// Inserts unless the endpoint already has a message for the event; true when inserted.
bool insert(core::Tx& tx, const Message& m);
std::optional<Message> find(core::Conn& c, const std::string& endpoint_id, const std::string& id);
struct MessageFilter {
  std::optional<std::string> status;
  std::optional<std::string> type;
};
core::Page<Message> list(core::Conn& c, const std::string& endpoint_id, const MessageFilter& filter,
                         const core::PageRequest& page);
// The next message to send at `now_ms`: of the endpoints not in `busy` (their deliveries are in
// flight: one at a time per endpoint keeps them in order), the one whose oldest due message waited
// longest, and that message. One index seek per endpoint, however long any backlog is.
std::optional<Message> next_due(core::Conn& c, std::int64_t now_ms, const std::vector<std::string>& busy);
// The earliest next attempt of any pending message (0: none).
std::int64_t next_due_ms(core::Conn& c);
void update_state(core::Tx& tx, const Message& m);
void insert_attempt(core::Tx& tx, const Attempt& a);
std::vector<Attempt> attempts(core::Conn& c, const std::string& message_id);
// Failed messages of an endpoint created at or after `since_ms` (for Recover), at most `limit`.
std::vector<Message> failed_since(core::Conn& c, const std::string& endpoint_id, std::int64_t since_ms, int limit);
// Ends every pending message of an endpoint as failed (the endpoint was disabled).
void fail_pending(core::Tx& tx, const std::string& endpoint_id, const std::string& reason, std::int64_t now_ms);
// Deletes messages (and their attempts) finished before `cutoff_ms`; returns how many.
std::int64_t prune(core::Tx& tx, std::int64_t cutoff_ms, int limit);

}  // namespace cove::webhooks::message_repo

namespace cove::webhooks {
using message_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::webhooks
