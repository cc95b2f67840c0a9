#include "http/event_stream.hpp"

namespace cove::http {

bool EventStream::send(std::string_view name, std::string_view data) {
  std::function<void()> wake;
  {
    const std::lock_guard lock(mutex_);
    if (closed_) return false;
    if (pending_frames_ >= max_pending_) {
      closed_ = true;  // a client this far behind reconnects rather than being buffered for
    } else {
      pending_.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
      ++pending_frames_;
    }
    wake = wake_;
  }
  if (wake) wake();
  return true;
}

void EventStream::close() {
  std::function<void()> wake;
  {
    const std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    wake = wake_;
  }
  if (wake) wake();
}

bool EventStream::closed() const {
  const std::lock_guard lock(mutex_);
  return closed_;
}

void EventStream::attach(std::function<void()> wake) {
  const std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

std::string EventStream::take(bool& closed) {
  const std::lock_guard lock(mutex_);
  closed = closed_;
  pending_frames_ = 0;
  return std::exchange(pending_, std::string());
}

void EventStream::detach() {
  const std::lock_guard lock(mutex_);
  closed_ = true;
  wake_ = nullptr;
}

}  // namespace cove::http
