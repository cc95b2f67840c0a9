#include "modules/platform/job_scheduler.hpp"

#include <stdexcept>

namespace cove::modules {

void JobScheduler::schedule(std::string name, std::chrono::milliseconds every, std::function<void()> fn,
                            std::optional<std::chrono::milliseconds> first_delay) {
  for (const auto& t : tasks_) {
    if (t->name() == name) throw std::logic_error("background job scheduled twice: " + name);
  }
  tasks_.push_back(
      std::make_unique<core::PeriodicTask>(std::move(name), every, std::move(fn), first_delay.value_or(every)));
}

void JobScheduler::start() {
  for (auto& t : tasks_) t->start();
}

void JobScheduler::stop() {
  for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it) (*it)->stop();
}

std::vector<std::string> JobScheduler::names() const {
  std::vector<std::string> out;
  for (const auto& t : tasks_) out.push_back(t->name());
  return out;
}

}  // namespace cove::modules
