#pragma once
// A clock tests move by hand (lockout expiry, token lifetimes, gray-release schedules).
#include <atomic>
#include <chrono>

#include "core/clock.hpp"

namespace cove::test {

class ManualClock final : public core::Clock {
 public:
  explicit ManualClock(core::TimePoint start = std::chrono::system_clock::now()) : now_(start.time_since_epoch().count()) {}
  core::TimePoint now() const override { return core::TimePoint(core::TimePoint::duration(now_.load())); }
  void advance(std::chrono::milliseconds d) {
    now_ += std::chrono::duration_cast<core::TimePoint::duration>(d).count();
  }
  void set(core::TimePoint t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<core::TimePoint::rep> now_;
};

}  // namespace cove::test
