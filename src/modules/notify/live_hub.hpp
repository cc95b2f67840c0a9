#pragma once
// The open notification streams (GET /api/v1/me/notifications/stream), by user: what a delivery
// or a read pushes to a signed-in console at once. Bounded: a user has at most `per_user` streams
// (a new one closes their oldest — a reloaded tab's old stream may not have noticed yet that
// its client left), the server at most `total` (then 503).
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/event_stream.hpp"

namespace cove::notify {

class LiveHub {
 public:
  LiveHub(std::size_t per_user, std::size_t total) : per_user_(per_user), total_(total) {}

  // Throws 503 notify.too_many_streams when the server holds `total` open streams.
  std::shared_ptr<http::EventStream> open(const std::string& user_id);
  // Sends to every open stream of the user (`data`: one line of JSON).
  void publish(const std::string& user_id, std::string_view event, const std::string& data);
  // Ends every stream (the module stops).
  void close_all();
  std::size_t open_count() const;

 private:
  void prune_locked();

  const std::size_t per_user_;
  const std::size_t total_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::deque<std::shared_ptr<http::EventStream>>> streams_;
  std::size_t count_ = 0;
};

}  // namespace cove::notify
