#pragma once
// Deliveries (issue 17): every committed event of the catalogue becomes one message per matching
// endpoint (fan_out, from the outbox: at-least-once, a repeat is a no-op), and each message is
// POSTed, signed per Standard Webhooks, until the receiver answers 2xx. A failure is retried 5 s,
// 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later (with ±10 % jitter), then the message is failed;
// 410 Gone disables the endpoint at once, five days of failures without a success disable it too
// (webhook_endpoint.disabled tells its owners). The attempt, the message's new state and the
// endpoint's health are written in one transaction after the receiver answered, so a crash during
// a delivery leaves the message pending and it is sent again (the webhook-id stays the same: the
// receiver's idempotency key). Workers record their results through one group commit, so several
// deliveries finishing together cost one fsync.
#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/group_commit.hpp"
#include "core/outbox.hpp"
#include "core/page.hpp"
#include "http/guarded_fetch.hpp"
#include "modules/webhooks/endpoint_service.hpp"
#include "modules/webhooks/message_repo.hpp"

namespace cove::webhooks {

struct DeliveryOptions {
  http::FetchOptions fetch;  // timeout, body cap, address guard (set by the module from config)
  std::vector<std::chrono::milliseconds> retry_delays = {
      std::chrono::seconds(5), std::chrono::minutes(5), std::chrono::minutes(30), std::chrono::hours(2),
      std::chrono::hours(5),   std::chrono::hours(10),  std::chrono::hours(10)};
  std::chrono::milliseconds disable_after = std::chrono::hours(24 * 5);
  std::chrono::milliseconds log_retention = std::chrono::hours(24 * 30);
};

struct MessageDetail {
  Message message;
  std::vector<Attempt> attempts;
};

class DeliveryService {
 public:
  // `jitter` returns a factor for a retry delay (0.9–1.1 by default; tests pass 1).
  DeliveryService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, EndpointService& endpoints,
                  const http::GuardedFetcher& fetcher, DeliveryOptions options,
                  std::function<double()> jitter = {});

  // The messages events make (0 when no endpoint wants them), in one transaction for a batch of
  // the outbox's. Idempotent per event.
  int fan_out(std::span<const core::Event> events);
  int fan_out(const core::Event& event) { return fan_out(std::span(&event, 1)); }
  // Claims and sends one due message whose endpoint is not in `busy`; false when none is due.
  // Safe to call from several threads when each passes the endpoints the others are sending to.
  std::optional<Message> next_due(const std::vector<std::string>& busy) const;
  void deliver(const Message& message);
  // Sends every due message now, one by one, in the calling thread (tests, `cove` tools).
  int deliver_due();
  // When the next pending message is due (0: nothing pending).
  std::int64_t next_due_ms() const;

  // The console's actions: a ping, a resend of one message, a recovery of every failed message
  // created since a time. They queue for the dispatcher (`on_queued` wakes it).
  Message send_test(const core::Actor& actor, const std::string& org_id, const std::string& endpoint_id);
  Message resend(const core::Actor& actor, const std::string& org_id, const std::string& endpoint_id,
                 const std::string& message_id);
  int recover(const core::Actor& actor, const std::string& org_id, const std::string& endpoint_id,
              std::int64_t since_ms);
  core::Page<Message> list(const std::string& org_id, const std::string& endpoint_id,
                           const message_repo::MessageFilter& filter, const core::PageRequest& page) const;
  MessageDetail detail(const std::string& org_id, const std::string& endpoint_id, const std::string& message_id) const;
  // Deletes finished messages older than the log retention; returns how many.
  std::int64_t prune();
  void set_on_queued(std::function<void()> fn) { on_queued_ = std::move(fn); }

 private:
  void queued() const {
    if (on_queued_) on_queued_();
  }
  Message queue_manual(core::Tx& tx, Message m, const std::string& trigger);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  EndpointService& endpoints_;
  const http::GuardedFetcher& fetcher_;
  core::GroupCommit results_;
  DeliveryOptions options_;
  std::function<double()> jitter_;
  std::function<void()> on_queued_;
};

}  // namespace cove::webhooks
