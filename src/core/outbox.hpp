#pragma once
// Transactional outbox (DESIGN.md §6). A change that others react to calls emit() inside its
// write transaction, so the event exists exactly when the change does. A dispatcher thread hands
// committed events, in id order, to each subscriber and records per-subscriber progress in
// `outbox_progress`; after a crash, delivery resumes where it stopped (at-least-once: handlers
// must be idempotent). A handler that throws is retried with backoff without blocking others.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/event_type.hpp"

namespace cove::core {

struct Event {
  std::int64_t id = 0;
  std::string topic;  // "<entity>.<verb>", e.g. "version.released"
  nlohmann::json payload;
  std::int64_t created_ms = 0;
};

class Outbox {
 public:
  using Handler = std::function<void(const Event&)>;
  // Takes the wanted events of one dispatcher batch (up to 100, in id order) at once, so a handler
  // that writes can write them in one transaction; a throw retries the whole batch.
  using BatchHandler = std::function<void(std::span<const Event>)>;

  // `retention`: handled events older than this are deleted by prune(), which the dispatcher runs
  // at start and hourly.
  Outbox(Db& db, const Clock& clock, std::chrono::hours retention = std::chrono::hours(24 * 7));
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Records an event in the caller's transaction; the dispatcher is woken when it commits.
  void emit(Tx& tx, std::string_view topic, const nlohmann::json& payload);
  // The same for a typed event (core/event_type.hpp).
  template <EventType E>
  void emit(Tx& tx, const E& event) {
    emit(tx, E::kTopic, event_payload(event));
  }

  // Registers a subscriber before start(). `name` is stable across releases (progress is keyed by
  // it); `topic_prefixes` filters ("version." or "" for everything; an empty list means
  // everything). A subscriber seen for the first time starts after the newest existing event.
  // Handlers run on the dispatcher thread, one at a time: keep them short, and never call
  // drain() from one.
  void subscribe(std::string name, std::vector<std::string> topic_prefixes, Handler handler);
  void subscribe_batch(std::string name, std::vector<std::string> topic_prefixes, BatchHandler handler);

  void start();  // starts the dispatcher thread
  void stop();   // finishes the event in hand, then joins
  // Blocks until every event committed before the call has been handled by every subscriber
  // (or `timeout` passes; returns false then). For tests and graceful shutdown.
  bool drain(std::chrono::milliseconds timeout);
  // Committed events not yet handled by the slowest subscriber (for /metrics). Computed from ids,
  // which AUTOINCREMENT and the single writer keep gapless.
  std::int64_t lag() const;
  // Dispatcher passes since start(). An idle dispatcher makes one per poll interval (1 s), so a
  // test can tell sleeping from spinning by counting instead of timing.
  std::uint64_t passes() const { return passes_.load(std::memory_order_relaxed); }
  // Deletes events created more than `older_than` ago that every subscriber registered here has
  // handled. Returns the number deleted.
  std::int64_t prune(std::chrono::hours older_than);

 private:
  struct Subscriber {
    std::string name;
    std::vector<std::string> prefixes;
    Handler handler;
    BatchHandler batch_handler;  // instead of `handler`
    // Written by the dispatcher thread under mutex_; read by drain() and lag().
    std::int64_t position = 0;   // last event id handled (or skipped by topic)
    std::int64_t persisted = 0;  // position as recorded in outbox_progress
    // Dispatcher thread only.
    std::chrono::steady_clock::time_point retry_at{};
    int failures = 0;
  };
  void add(Subscriber s);
  void run();
  bool dispatch_once();  // true when it made progress
  bool wants(const Subscriber& s, const std::string& topic) const;
  std::vector<Event> read_batch(std::int64_t after);  // also refreshes newest_id_
  // Handles `events` for `s` until one fails (then schedules a retry); true when it advanced.
  bool deliver(Subscriber& s, const std::vector<Event>& events);
  bool deliver_batch(Subscriber& s, const std::vector<Event>& events);
  void note_failure(Subscriber& s, const Event& e, const std::string& error);
  void note_recovered(Subscriber& s, const Event& e);
  void load_positions();
  void persist_positions();
  void note_newest(std::int64_t id);     // raises newest_id_ to `id`
  void note_committed(std::int64_t id);  // note_newest, then wakes the dispatcher
  std::chrono::milliseconds idle_wait() const;

  Db& db_;
  const Clock& clock_;
  const std::chrono::hours retention_;
  std::vector<Subscriber> subscribers_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable progress_;
  bool started_ = false;
  std::atomic<bool> stopping_{false};  // set under mutex_ (condition variable predicate)
  bool pending_ = true;
  std::atomic<std::int64_t> newest_id_{0};
  std::atomic<std::int64_t> slowest_position_{0};
  std::atomic<std::uint64_t> passes_{0};
};

using EventBus = Outbox;

}  // namespace cove::core
