#pragma once
// Wall-clock time behind an interface, so schedules and expiries are testable.
#include <chrono>
#include <cstdint>
#include <string>

namespace cove::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  std::int64_t unix_seconds() const;
  std::int64_t unix_millis() const;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// RFC 3339 UTC with millisecond precision: "2026-11-22T08:23:00.123Z".
std::string format_rfc3339(TimePoint t);
std::string format_rfc3339_millis(std::int64_t unix_millis);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)" on a real calendar date, within the range a
// TimePoint holds (1677-09-22 to 2262-04-11 UTC); returns false on anything else.
bool parse_rfc3339(std::string_view text, TimePoint& out);

}  // namespace cove::core
