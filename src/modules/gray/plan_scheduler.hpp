#pragma once
// Advances the step schedules of running plans from the clock: a background thread that wakes
// twice a second and applies every step that is due (PlanService::apply_due_steps), so a step
// takes effect within a second of its time, whatever clock the application runs on.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.hpp"
#include "modules/gray/plan_service.hpp"

namespace cove::gray {

class PlanScheduler {
 public:
  PlanScheduler(PlanService& plans, const core::Clock& clock) : plans_(plans), clock_(clock) {}
  ~PlanScheduler() { stop(); }

  void start();
  void stop();

 private:
  PlanService& plans_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cove::gray
