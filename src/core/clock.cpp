#include "core/clock.hpp"

#include <charconv>
#include <ctime>

#include <fmt/format.h>

namespace cove::core {

std::int64_t Clock::unix_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

std::int64_t Clock::unix_millis() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
}

std::string format_rfc3339_millis(std::int64_t unix_millis) {
  std::int64_t secs = unix_millis / 1000;
  std::int64_t ms = unix_millis % 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  const std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string format_rfc3339(TimePoint t) {
  return format_rfc3339_millis(
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

namespace {
bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return true;
}
}  // namespace

bool parse_rfc3339(std::string_view s, TimePoint& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!read_int(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !read_int(s, 5, 2, mo) ||
      s[7] != '-' || !read_int(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') ||
      !read_int(s, 11, 2, h) || s[13] != ':' || !read_int(s, 14, 2, mi) || s[16] != ':' ||
      !read_int(s, 17, 2, sec)) {
    return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
  std::size_t pos = 19;
  std::int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return false;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  int offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!read_int(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return false;
    }
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  // timegm() normalises out-of-range fields, so the date is real when it reads back unchanged
  // (rejects 2026-02-31). A leap second is checked as :59, so it cannot hide a bad date by rolling
  // the day over, and then counts as the next second (POSIX time has no leap seconds).
  tm.tm_sec = sec == 60 ? 59 : sec;
  const std::time_t checked = timegm(&tm);
  std::tm check{};
  gmtime_r(&checked, &check);
  if (check.tm_mday != d) return false;
  const std::int64_t utc_secs = static_cast<std::int64_t>(checked) + (sec == 60 ? 1 : 0) - offset_min * 60;
  // TimePoint counts nanoseconds in 64 bits: a later or earlier instant would overflow the
  // conversion (undefined behaviour, in practice a wrapped, wrong time), so it is refused.
  constexpr std::int64_t kLimitSecs =
      std::chrono::duration_cast<std::chrono::seconds>(TimePoint::duration::max()).count();
  if (utc_secs >= kLimitSecs || utc_secs <= -kLimitSecs) return false;
  out = TimePoint(std::chrono::seconds(utc_secs) + std::chrono::milliseconds(millis));
  return true;
}

}  // namespace cove::core
