#include "modules/notify/announcement_model.hpp"

#include "core/clock.hpp"

namespace cove::notify {

namespace {

nlohmann::json time_or_null(const std::optional<std::int64_t>& ms) {
  return ms ? nlohmann::json(core::format_rfc3339_millis(*ms)) : nlohmann::json(nullptr);
}

}  // namespace

std::string announcement_status(const Announcement& a, std::int64_t now_ms) {
  if (now_ms < a.starts_ms) return "scheduled";
  if (a.ends_ms && now_ms >= *a.ends_ms) return "ended";
  return "active";
}

nlohmann::json to_json(const Announcement& a, std::int64_t now_ms) {
  return {{"id", a.id},
          {"title", a.title},
          {"bodyMarkdown", a.body_markdown},
          {"bodyHtml", a.body_html},
          {"severity", a.severity},
          {"audience", a.audience},
          {"orgIds", a.org_ids},
          {"startsAt", core::format_rfc3339_millis(a.starts_ms)},
          {"endsAt", time_or_null(a.ends_ms)},
          {"status", announcement_status(a, now_ms)},
          {"createdBy", a.created_by},
          {"createdAt", core::format_rfc3339_millis(a.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(a.updated_ms)}};
}

nlohmann::json to_json(const AnnouncementView& v) {
  const auto& a = v.announcement;
  return {{"id", a.id},
          {"title", a.title},
          {"bodyHtml", a.body_html},
          {"severity", a.severity},
          {"startsAt", core::format_rfc3339_millis(a.starts_ms)},
          {"endsAt", time_or_null(a.ends_ms)},
          {"read", v.read_ms > 0},
          {"dismissed", v.dismissed_ms > 0}};
}

}  // namespace cove::notify
