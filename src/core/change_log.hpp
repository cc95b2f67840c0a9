#pragma once
// One call for what every state change writes in its transaction: the operation-log entry
// (操作日志, who did what to which object, before and after) and, when others react to it, the
// outbox event. Keeping the two together means a change cannot be logged without being announced,
// or announced with another name than it was logged under.
//
//   changes.record(tx, actor, events::AppUpdated{org_id, app_id},
//                  {.org_id = org_id, .target_type = "app", .target_id = app_id,
//                   .before = summary_of(stored), .after = summary_of(app)});
//
// The entry's action defaults to the event's topic ("app.updated").
#include "core/audit_log.hpp"
#include "core/event_type.hpp"
#include "core/outbox.hpp"

namespace cove::core {

class ChangeLog {
 public:
  ChangeLog(AuditLog& audit, Outbox& events) : audit_(audit), events_(events) {}

  template <EventType E>
  void record(Tx& tx, const Actor& actor, const E& event, AuditEntry entry) {
    if (entry.action.empty()) entry.action = std::string(E::kTopic);
    audit_.record(tx, actor, entry);
    events_.emit(tx, event);
  }
  // A change nobody reacts to: the operation-log entry alone.
  void record(Tx& tx, const Actor& actor, const AuditEntry& entry) { audit_.record(tx, actor, entry); }
  // An event without an entry of its own (a consequence already logged by its cause).
  template <EventType E>
  void announce(Tx& tx, const E& event) {
    events_.emit(tx, event);
  }

 private:
  AuditLog& audit_;
  Outbox& events_;
};

}  // namespace cove::core
