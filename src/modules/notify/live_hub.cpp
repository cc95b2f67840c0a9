#include "modules/notify/live_hub.hpp"

#include <vector>

#include "core/error.hpp"

namespace cove::notify {

std::shared_ptr<http::EventStream> LiveHub::open(const std::string& user_id) {
  std::shared_ptr<http::EventStream> evicted;
  auto stream = std::make_shared<http::EventStream>();
  {
    const std::lock_guard lock(mutex_);
    if (count_ >= total_) prune_locked();
    if (count_ >= total_) {
      throw core::Error(503, "notify.too_many_streams", "Too many notification streams are open; try again later");
    }
    auto& mine = streams_[user_id];
    std::erase_if(mine, [this](const auto& s) {
      if (!s->closed()) return false;
      --count_;
      return true;
    });
    if (mine.size() >= per_user_) {
      evicted = std::move(mine.front());
      mine.pop_front();
      --count_;
    }
    mine.push_back(stream);
    ++count_;
  }
  if (evicted) evicted->close();  // outside the lock: close() wakes its session
  return stream;
}

void LiveHub::publish(const std::string& user_id, std::string_view event, const std::string& data) {
  std::vector<std::shared_ptr<http::EventStream>> targets;
  {
    const std::lock_guard lock(mutex_);
    const auto it = streams_.find(user_id);
    if (it == streams_.end()) return;
    targets.assign(it->second.begin(), it->second.end());
  }
  for (const auto& s : targets) s->send(event, data);
}

void LiveHub::close_all() {
  std::unordered_map<std::string, std::deque<std::shared_ptr<http::EventStream>>> all;
  {
    const std::lock_guard lock(mutex_);
    all.swap(streams_);
    count_ = 0;
  }
  for (auto& [user, list] : all) {
    for (auto& s : list) s->close();
  }
}

std::size_t LiveHub::open_count() const {
  const std::lock_guard lock(mutex_);
  return count_;
}

void LiveHub::prune_locked() {
  for (auto it = streams_.begin(); it != streams_.end();) {
    std::erase_if(it->second, [this](const auto& s) {
      if (!s->closed()) return false;
      --count_;
      return true;
    });
    it = it->second.empty() ? streams_.erase(it) : std::next(it);
  }
}

}  // namespace cove::notify
