#pragma once
// A function run on its own thread every `every`, first after `first_delay`, until stop(). A run
// that throws is logged and the schedule goes on; stop() wakes a waiting thread at once and waits
// for a run in progress to finish.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace cove::core {

class PeriodicTask {
 public:
  PeriodicTask(std::string name, std::chrono::milliseconds every, std::function<void()> fn,
               std::chrono::milliseconds first_delay);
  ~PeriodicTask() { stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  void start();
  void stop();
  const std::string& name() const { return name_; }

 private:
  void run();

  std::string name_;
  std::chrono::milliseconds every_;
  std::function<void()> fn_;
  std::chrono::milliseconds first_delay_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cove::core
