#pragma once
// Turns outbox events into notifications: the outbox subscriber "notify.inbox" hands each event
// here, in order. For a kind of the catalogue it finds the recipients, and per recipient — as
// their preferences say — writes an inbox row in their language and queues an e-mail, all in one
// transaction. Exactly once per recipient: the subscriber's recorded progress is at-least-once,
// and the (event, user) key turns a repeated delivery after a crash into a no-op (for the e-mail
// too, which is queued only with a new inbox row or, when the inbox is muted, keyed the same way).
// Live streams hear of the new rows after the commit.
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/outbox.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/notify/live_hub.hpp"
#include "modules/notify/notification_kinds.hpp"
#include "modules/notify/notification_model.hpp"

namespace cove::notify {

// An e-mail a delivery asks for (queued by the mail module part in the same transaction).
struct MailRequest {
  std::int64_t event_id = 0;
  accounts::Recipient to;
  std::string language;
  const NotificationKind* kind = nullptr;
  std::string subject, text, link;  // link: console path, "" for none
};
using MailEnqueue = std::function<void(core::Tx&, const MailRequest&)>;

// A user's inbox holds at most this many notifications; older ones are dropped.
inline constexpr std::int64_t kInboxLimit = 2000;

class DeliveryService {
 public:
  DeliveryService(core::Db& db, const core::Clock& clock, const accounts::AccountsApi& accounts,
                  const apps::AppsApi& apps, LiveHub& hub)
      : db_(db), clock_(clock), accounts_(accounts), apps_(apps), hub_(hub) {}

  void set_mail(MailEnqueue enqueue) { mail_ = std::move(enqueue); }
  void deliver(const core::Event& event);

 private:
  std::vector<accounts::Recipient> recipients(core::Conn& c, const NotificationKind& kind,
                                              const nlohmann::json& payload) const;

  core::Db& db_;
  const core::Clock& clock_;
  const accounts::AccountsApi& accounts_;
  const apps::AppsApi& apps_;
  LiveHub& hub_;
  MailEnqueue mail_;
};

// The user's choice for a kind, or its defaults; a security kind is always on.
KindPreference effective_preference(const NotificationKind& kind, const std::vector<KindPreference>& stored);

}  // namespace cove::notify
