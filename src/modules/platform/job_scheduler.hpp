#pragma once
// Background jobs of the modules (DESIGN.md §3): `ctx.jobs.schedule(name, every, fn)` instead of
// a thread of their own. The application starts every job after the modules have started and
// stops them before the modules stop.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/periodic_task.hpp"

namespace cove::modules {

class JobScheduler {
 public:
  // `first_delay` defaults to one period. A name scheduled twice is a start-up error.
  void schedule(std::string name, std::chrono::milliseconds every, std::function<void()> fn,
                std::optional<std::chrono::milliseconds> first_delay = std::nullopt);
  void start();
  void stop();
  std::vector<std::string> names() const;

 private:
  std::vector<std::unique_ptr<core::PeriodicTask>> tasks_;
};

}  // namespace cove::modules
