#include "http/body_rate.hpp"

namespace cove::http {

BodyRateCheck::BodyRateCheck(MinBodyRate min, Clock::time_point start)
    : min_(min),
      spacing_(std::chrono::duration_cast<Clock::duration>(min.window) / 8),
      samples_{{start, 0}} {}

bool BodyRateCheck::record(std::uint64_t bytes, Clock::time_point now) {
  total_ += bytes;
  if (min_.bytes_per_second == 0 || min_.window.count() <= 0) return true;
  const auto window_start = now - min_.window;
  // Keep as the window's start the newest sample no later than it; older ones are done with.
  while (samples_.size() > 1 && samples_[1].at <= window_start) samples_.pop_front();
  const Sample& base = samples_.front();
  // Before a whole window has passed since the body began there is nothing to judge yet.
  if (base.at <= window_start &&
      total_ - base.total < min_.bytes_per_second * static_cast<std::uint64_t>(min_.window.count())) {
    return false;
  }
  // Spaced samples keep this a handful of entries however many reads a fast body takes.
  if (now - samples_.back().at >= spacing_) samples_.push_back({now, total_});
  return true;
}

}  // namespace cove::http
