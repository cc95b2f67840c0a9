#include "modules/notify/content_input.hpp"

#include <chrono>

#include <fmt/format.h>

#include "core/clock.hpp"

namespace cove::notify {

std::optional<std::optional<std::int64_t>> read_time(core::JsonInput& in, const char* name) {
  const bool present = in.present(name);
  const auto* v = in.take(name);
  if (!present) return std::nullopt;
  if (v == nullptr) return std::optional<std::int64_t>{};
  core::TimePoint t;
  if (!v->is_string() || v->get_ref<const std::string&>().size() > 40 ||
      !core::parse_rfc3339(v->get_ref<const std::string&>(), t)) {
    in.add_error(in.field_name(name), "invalid_time", "An RFC 3339 time, e.g. 2026-11-22T10:00:00Z");
    return std::nullopt;
  }
  return std::optional<std::int64_t>{
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count()};
}

std::optional<std::vector<std::string>> read_string_list(core::JsonInput& in, const char* name,
                                                         std::size_t max_items, core::StringRule rule) {
  const auto* v = in.take(name);
  if (v == nullptr) return std::nullopt;
  const auto field = in.field_name(name);
  if (!v->is_array()) {
    in.add_error(field, "invalid_type", "Must be an array of strings");
    return std::nullopt;
  }
  if (v->size() > max_items) {
    in.add_error(field, "too_many", fmt::format("At most {} items", max_items));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const auto at = fmt::format("{}[{}]", field, i);
    if (!item.is_string()) {
      in.add_error(at, "invalid_type", "Must be a string");
      ok = false;
      continue;
    }
    if (const auto code = core::check_string(item.get_ref<const std::string&>(), rule); !code.empty()) {
      in.add_error(at, code, fmt::format("Between {} and {} characters", rule.min_chars, rule.max_chars));
      ok = false;
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace cove::notify
