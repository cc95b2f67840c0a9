#include "core/outbox.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "core/log.hpp"

namespace cove::core {

namespace {

constexpr int kBatchSize = 100;

constexpr auto kPollInterval = std::chrono::seconds(1);  // picks up other processes' events
constexpr auto kPruneInterval = std::chrono::hours(1);
constexpr auto kRetryMin = std::chrono::milliseconds(100);
constexpr auto kRetryMax = std::chrono::milliseconds(30'000);
constexpr std::int64_t kPruneChunk = 1000;  // rows per delete transaction, to keep writes short

// Runs a subscriber's handler; what it threw, as text (nothing when it returned).
template <class F>
std::optional<std::string> guarded(F&& handler) {
  try {
    handler();
    return std::nullopt;
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

std::chrono::milliseconds backoff(int failures) {
  auto delay = kRetryMin;
  for (int i = 1; i < failures && delay < kRetryMax; ++i) delay *= 2;
  return std::min(delay, kRetryMax);
}

}  // namespace

Outbox::Outbox(Db& db, const Clock& clock, std::chrono::hours retention)
    : db_(db), clock_(clock), retention_(retention) {}

Outbox::~Outbox() { stop(); }

void Outbox::emit(Tx& tx, std::string_view topic, const nlohmann::json& payload) {
  if (topic.empty()) throw std::invalid_argument("outbox: empty topic");
  auto& insert = tx.prepare("INSERT INTO outbox(topic, payload, created_ms) VALUES (?, ?, ?)");
  insert.bind(1, std::string(topic));
  insert.bind(2, payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  insert.bind(3, clock_.unix_millis());
  insert.exec();
  const std::int64_t id = tx.last_insert_rowid();
  tx.after_commit([this, id] { note_committed(id); });
}

void Outbox::note_newest(std::int64_t id) {
  std::int64_t seen = newest_id_.load();
  while (seen < id && !newest_id_.compare_exchange_weak(seen, id)) {
  }
}

void Outbox::note_committed(std::int64_t id) {
  note_newest(id);
  std::lock_guard lock(mutex_);
  pending_ = true;
  wake_.notify_one();
}

void Outbox::subscribe(std::string name, std::vector<std::string> topic_prefixes, Handler handler) {
  Subscriber s;
  s.name = std::move(name);
  s.prefixes = std::move(topic_prefixes);
  s.handler = std::move(handler);
  add(std::move(s));
}

void Outbox::subscribe_batch(std::string name, std::vector<std::string> topic_prefixes, BatchHandler handler) {
  Subscriber s;
  s.name = std::move(name);
  s.prefixes = std::move(topic_prefixes);
  s.batch_handler = std::move(handler);
  add(std::move(s));
}

void Outbox::add(Subscriber s) {
  std::lock_guard lock(mutex_);
  if (started_) throw std::logic_error("outbox: subscribe after start: " + s.name);
  if (s.name.empty()) throw std::invalid_argument("outbox: empty subscriber name");
  for (const auto& existing : subscribers_) {
    if (existing.name == s.name) throw std::invalid_argument("outbox: duplicate subscriber " + s.name);
  }
  subscribers_.push_back(std::move(s));
}

bool Outbox::wants(const Subscriber& s, const std::string& topic) const {
  return s.prefixes.empty() || std::any_of(s.prefixes.begin(), s.prefixes.end(),
                                           [&](const auto& p) { return topic.starts_with(p); });
}

void Outbox::start() {
  {
    std::lock_guard lock(mutex_);
    if (started_) throw std::logic_error("outbox: started twice");
    started_ = true;
  }
  load_positions();
  thread_ = std::thread([this] { run(); });
}

void Outbox::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

// Creates the progress row of a first-time subscriber at the newest event, so it does not
// replay history, and loads everyone's stored position.
void Outbox::load_positions() {
  const auto now_ms = clock_.unix_millis();
  const auto newest = db_.write([&](Tx& tx) {
    for (auto& s : subscribers_) {
      auto& insert = tx.prepare(
          "INSERT INTO outbox_progress(subscriber, position, updated_ms) "
          "VALUES (?, (SELECT coalesce(max(id), 0) FROM outbox), ?) "
          "ON CONFLICT(subscriber) DO NOTHING");
      insert.bind(1, s.name);
      insert.bind(2, now_ms);
      insert.exec();
      auto& select = tx.prepare("SELECT position FROM outbox_progress WHERE subscriber = ?");
      select.bind(1, s.name);
      select.executeStep();
      s.position = s.persisted = select.getColumn(0).getInt64();
    }
    return tx.query_int("SELECT max(id) FROM outbox").value_or(0);
  });
  note_newest(newest);
  std::int64_t slowest = newest;
  for (const auto& s : subscribers_) slowest = std::min(slowest, s.position);
  slowest_position_ = slowest;
}

void Outbox::run() {
  auto next_prune = std::chrono::steady_clock::now();
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      pending_ = false;
    }
    bool progressed = false;
    passes_.fetch_add(1, std::memory_order_relaxed);
    try {
      progressed = dispatch_once();
      if (std::chrono::steady_clock::now() >= next_prune) {
        next_prune = std::chrono::steady_clock::now() + kPruneInterval;
        prune(retention_);
      }
    } catch (const std::exception& e) {
      log::error("outbox dispatcher pass failed", {{"error", e.what()}});
    }
    if (progressed) continue;
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, idle_wait(), [this] { return stopping_ || pending_; });
  }
}

std::chrono::milliseconds Outbox::idle_wait() const {
  const auto now = std::chrono::steady_clock::now();
  std::chrono::milliseconds wait = kPollInterval;
  for (const auto& s : subscribers_) {
    if (s.failures > 0) {
      const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(s.retry_at - now);
      wait = std::clamp(until, std::chrono::milliseconds(1), wait);
    }
  }
  return wait;
}

// One pass: hand each subscriber that is not backing off the next batch of events past its
// position, then record progress for all in one transaction. Subscribers at the same position
// (the usual case) share one read; one far behind does not hold up the others.
// Progress is persisted per batch rather than per event: one fsync'd write per pass instead of
// one per event and subscriber keeps the single writer free for requests during bursts, and
// after a crash at most one batch (kBatchSize events) is delivered again, which at-least-once
// handlers must tolerate anyway.
bool Outbox::dispatch_once() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<Subscriber*> ready;
  for (auto& s : subscribers_) {
    if (s.failures == 0 || s.retry_at <= now) ready.push_back(&s);
  }
  std::sort(ready.begin(), ready.end(), [](auto* a, auto* b) { return a->position < b->position; });

  bool progressed = false;
  for (std::size_t i = 0; i < ready.size() && !stopping_;) {
    const auto events = read_batch(ready[i]->position);
    if (events.empty()) break;  // the rest are at or past this position: nothing for them either
    // Everyone whose position falls before the batch's end is served from it.
    for (; i < ready.size() && ready[i]->position < events.back().id; ++i) {
      progressed = deliver(*ready[i], events) || progressed;
    }
  }
  persist_positions();
  return progressed;
}

std::vector<Event> Outbox::read_batch(std::int64_t after) {
  std::vector<Event> events;
  const auto newest = db_.read([&](Conn& c) {
    auto& select =
        c.prepare("SELECT id, topic, payload, created_ms FROM outbox WHERE id > ? ORDER BY id LIMIT ?");
    select.bind(1, after);
    select.bind(2, kBatchSize);
    while (select.executeStep()) {
      Event e;
      e.id = select.getColumn(0).getInt64();
      e.topic = select.getColumn(1).getString();
      e.payload = nlohmann::json::parse(select.getColumn(2).getString(), nullptr, false);
      e.created_ms = select.getColumn(3).getInt64();
      if (e.payload.is_discarded()) {  // only a hand-edited row can get here
        log::error("outbox event payload is not JSON", {{"event_id", std::to_string(e.id)}});
        e.payload = nullptr;
      }
      events.push_back(std::move(e));
    }
    return c.query_int("SELECT max(id) FROM outbox").value_or(0);
  });
  note_newest(newest);
  return events;
}

bool Outbox::deliver(Subscriber& s, const std::vector<Event>& events) {
  if (s.batch_handler) return deliver_batch(s, events);
  bool advanced = false;
  for (const auto& e : events) {
    if (e.id <= s.position) continue;
    if (stopping_) break;
    if (wants(s, e.topic)) {
      if (const auto error = guarded([&] { s.handler(e); })) {
        note_failure(s, e, *error);
        return advanced;
      }
      note_recovered(s, e);
    }
    std::lock_guard lock(mutex_);
    s.position = e.id;
    advanced = true;
  }
  return advanced;
}

bool Outbox::deliver_batch(Subscriber& s, const std::vector<Event>& events) {
  std::vector<Event> wanted;
  std::int64_t last = s.position;
  for (const auto& e : events) {
    if (e.id <= s.position) continue;
    last = e.id;
    if (wants(s, e.topic)) wanted.push_back(e);
  }
  if (last == s.position || stopping_) return false;
  if (!wanted.empty()) {
    if (const auto error = guarded([&] { s.batch_handler(wanted); })) {
      note_failure(s, wanted.front(), *error);
      return false;
    }
    note_recovered(s, wanted.front());
  }
  std::lock_guard lock(mutex_);
  s.position = last;
  return true;
}

void Outbox::note_failure(Subscriber& s, const Event& e, const std::string& error) {
  ++s.failures;
  const auto delay = backoff(s.failures);
  s.retry_at = std::chrono::steady_clock::now() + delay;
  log::warn("outbox handler failed; will retry", {{"subscriber", s.name},
                                                  {"event_id", std::to_string(e.id)},
                                                  {"topic", e.topic},
                                                  {"attempt", std::to_string(s.failures)},
                                                  {"retry_in_ms", std::to_string(delay.count())},
                                                  {"error", error}});
}

void Outbox::note_recovered(Subscriber& s, const Event& e) {
  if (s.failures == 0) return;
  log::info("outbox handler recovered", {{"subscriber", s.name},
                                         {"event_id", std::to_string(e.id)},
                                         {"failed_attempts", std::to_string(s.failures)}});
  s.failures = 0;
}

void Outbox::persist_positions() {
  std::vector<std::pair<Subscriber*, std::int64_t>> changed;
  {
    std::lock_guard lock(mutex_);
    for (auto& s : subscribers_) {
      if (s.position != s.persisted) changed.emplace_back(&s, s.position);
    }
  }
  if (!changed.empty()) {
    const auto now_ms = clock_.unix_millis();
    db_.write([&](Tx& tx) {
      for (const auto& [s, position] : changed) {
        auto& update =
            tx.prepare("UPDATE outbox_progress SET position = ?, updated_ms = ? WHERE subscriber = ?");
        update.bind(1, position);
        update.bind(2, now_ms);
        update.bind(3, s->name);
        update.exec();
      }
    });
  }
  std::int64_t slowest = newest_id_.load();
  {
    std::lock_guard lock(mutex_);
    for (auto& [s, position] : changed) s->persisted = position;
    for (const auto& s : subscribers_) slowest = std::min(slowest, s.position);
  }
  slowest_position_ = slowest;
  progress_.notify_all();
}

bool Outbox::drain(std::chrono::milliseconds timeout) {
  const auto target = db_.read([](Conn& c) { return c.query_int("SELECT max(id) FROM outbox"); });
  std::unique_lock lock(mutex_);
  if (!target) return true;
  pending_ = true;
  wake_.notify_one();
  return progress_.wait_for(lock, timeout, [&] {
    return std::all_of(subscribers_.begin(), subscribers_.end(),
                       [&](const Subscriber& s) { return s.persisted >= *target; });
  });
}

std::int64_t Outbox::lag() const {
  return std::max<std::int64_t>(0, newest_id_.load() - slowest_position_.load());
}

std::int64_t Outbox::prune(std::chrono::hours older_than) {
  std::int64_t bound = INT64_MAX;
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : subscribers_) bound = std::min(bound, s.persisted);
  }
  const auto cutoff_ms =
      clock_.unix_millis() - std::chrono::duration_cast<std::chrono::milliseconds>(older_than).count();
  std::int64_t total = 0;
  while (true) {
    const int deleted = db_.write([&](Tx& tx) {
      auto& del = tx.prepare(
          "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE id <= ? AND created_ms < ? "
          "ORDER BY id LIMIT ?)");
      del.bind(1, bound);
      del.bind(2, cutoff_ms);
      del.bind(3, kPruneChunk);
      return del.exec();
    });
    total += deleted;
    if (deleted < kPruneChunk) break;
  }
  if (total > 0) log::info("outbox pruned", {{"events", std::to_string(total)}});
  return total;
}

}  // namespace cove::core
