#pragma once
// The threads that send webhook messages. Each worker claims the oldest due message of an
// endpoint no other worker is sending to — one delivery per endpoint at a time keeps an
// endpoint's messages in order and stops one slow receiver from taking every worker — sends it,
// and claims the next. Idle workers sleep until the next message is due or a new one is queued
// (no polling while nothing is pending).
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "modules/webhooks/delivery_service.hpp"

namespace cove::webhooks {

class Dispatcher {
 public:
  Dispatcher(DeliveryService& deliveries, int workers) : deliveries_(deliveries), worker_count_(workers) {}
  ~Dispatcher() { stop(); }
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void start();
  void stop();  // lets deliveries in flight finish (each bounded by the fetch timeout)
  void wake();  // a message was queued

 private:
  void run();

  DeliveryService& deliveries_;
  const int worker_count_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::string> busy_;  // endpoints with a delivery in flight
  std::uint64_t generation_ = 0;  // bumped by wake() and by each finished delivery
  bool stopping_ = false;
};

}  // namespace cove::webhooks
