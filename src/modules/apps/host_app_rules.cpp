#include "modules/apps/host_app_rules.hpp"

#include <algorithm>

namespace cove::apps {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits on '.' and checks every segment; false for an empty segment or fewer than two.
template <class SegmentOk>
bool segments_ok(std::string_view id, SegmentOk ok) {
  std::size_t count = 0;
  for (std::size_t start = 0;;) {
    const auto dot = id.find('.', start);
    const auto segment =
        id.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (segment.empty() || !ok(segment)) return false;
    ++count;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return count >= 2;
}

bool all_of(std::string_view s, bool (*allowed)(char)) { return std::all_of(s.begin(), s.end(), allowed); }

}  // namespace

bool is_host_platform(std::string_view platform) {
  return platform == "ios" || platform == "android" || platform == "harmony";
}

std::string check_bundle_id(std::string_view platform, std::string_view id) {
  std::size_t min = 3, max = 155;
  bool (*segment_ok)(std::string_view) = nullptr;
  if (platform == "ios") {
    segment_ok = [](std::string_view s) {
      return all_of(s, [](char c) { return is_letter(c) || is_digit(c) || c == '-'; });
    };
  } else if (platform == "android") {
    max = 150;
    segment_ok = [](std::string_view s) {
      return is_letter(s.front()) &&
             all_of(s, [](char c) { return is_letter(c) || is_digit(c) || c == '_'; });
    };
  } else if (platform == "harmony") {
    min = 7;
    max = 128;
    segment_ok = [](std::string_view s) {
      return all_of(s, [](char c) { return is_letter(c) || is_digit(c) || c == '_'; });
    };
  } else {
    return "invalid_format";
  }
  if (id.size() < min) return "too_short";
  if (id.size() > max) return "too_long";
  if (platform == "harmony" && !is_letter(id.front())) return "invalid_format";
  return segments_ok(id, segment_ok) ? "" : "invalid_format";
}

std::string check_api_name(std::string_view name) {
  if (name.size() < 2) return "too_short";
  if (name.size() > 64) return "too_long";
  const bool ok = name.front() >= 'a' && name.front() <= 'z' &&
                  all_of(name, [](char c) { return is_letter(c) || is_digit(c); });
  return ok ? "" : "invalid_format";
}

std::string check_menu_id(std::string_view id) {
  if (id.empty()) return "too_short";
  if (id.size() > 64) return "too_long";
  const bool ok = is_letter(id.front()) &&
                  all_of(id, [](char c) { return is_letter(c) || is_digit(c) || c == '_' || c == '-'; });
  return ok ? "" : "invalid_format";
}

}  // namespace cove::apps
