#pragma once
// A Server-Sent Events response (text/event-stream) that stays open: a handler returns a Response
// whose `events` is set, producers on any thread queue frames with send(), and the session writes
// them as they come. No thread waits per stream: the session's coroutine sleeps on a timer that
// send() and close() cut short, and sends a comment line every heartbeat so a client that left is
// noticed at the next write. Free of Beast, so modules may hold streams.
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace cove::http {

class EventStream {
 public:
  // At most `max_pending` frames wait for a slow client; past that the stream closes (the client
  // reconnects and reloads) instead of buffering without bound.
  explicit EventStream(std::size_t max_pending = 256) : max_pending_(max_pending) {}
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Queues `event: <name>` with `data` (one line: JSON). Thread-safe. False when the stream is
  // closed, so its owner can forget it.
  bool send(std::string_view name, std::string_view data);
  // Ends the response once the queued frames are written. Thread-safe; idempotent.
  void close();
  bool closed() const;

  // Session side: `wake` is called (from any thread) whenever frames are queued or the stream
  // closes; it must only post work to the session.
  void attach(std::function<void()> wake);
  // The frames queued so far, and whether the stream was closed.
  std::string take(bool& closed);
  // The response ended (client left, shutdown): closed for producers, `wake` dropped.
  void detach();

 private:
  mutable std::mutex mutex_;
  std::string pending_;
  std::size_t pending_frames_ = 0;
  const std::size_t max_pending_;
  bool closed_ = false;
  std::function<void()> wake_;
};

}  // namespace cove::http
