#pragma once
// The slowest a request body may arrive (http.minBodyRateBytesPerSecond over
// http.minBodyRateWindowSeconds). The body timeout bounds only the pause between two reads, so
// without this a client sending a byte a second holds its connection (and an upload's temp file)
// for as long as it likes.
// Rule: once `window` has passed since the body began, every trailing `window` must have brought
// at least rate × window bytes. It is checked as bytes arrive; a client that sends nothing at all
// is the body timeout's to end. The window is measured between samples at least window/8 apart,
// so it may stretch by that much, in the client's favour. Plain logic, no I/O: one per body read.
#include <chrono>
#include <cstdint>
#include <deque>

namespace cove::http {

struct MinBodyRate {
  std::uint64_t bytes_per_second = 0;  // 0: no minimum
  std::chrono::seconds window{10};
};

class BodyRateCheck {
 public:
  using Clock = std::chrono::steady_clock;

  BodyRateCheck(MinBodyRate min, Clock::time_point start);

  // Counts `bytes` received at `now` (not earlier than the last call). False once the body has
  // fallen below the minimum.
  bool record(std::uint64_t bytes, Clock::time_point now);

 private:
  struct Sample {
    Clock::time_point at;
    std::uint64_t total;  // bytes received by then
  };

  MinBodyRate min_;
  Clock::duration spacing_;
  std::uint64_t total_ = 0;
  std::deque<Sample> samples_;  // oldest first; the first is the trailing window's start
};

}  // namespace cove::http
