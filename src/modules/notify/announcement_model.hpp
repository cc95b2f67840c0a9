#pragma once
// Announcements (公告): what operators tell console users — everyone, operators only, or chosen
// organisations — for a time window, as a banner and in the message center.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::notify {

inline constexpr std::size_t kMaxAnnouncementTitleChars = 200;
inline constexpr std::size_t kMaxAnnouncementBodyChars = 20000;
inline constexpr std::size_t kMaxAnnouncementOrgs = 100;
inline constexpr std::int64_t kMaxAnnouncements = 10000;
// A user sees at most this many active announcements at a time (newest first).
inline constexpr int kMaxActiveAnnouncements = 50;

struct Announcement {
  std::string id;  // ann_…
  std::string title;
  std::string body_markdown;
  std::string body_html;
  std::string severity = "info";  // info | warning | critical
  std::string audience = "all";   // all | operators | orgs
  std::vector<std::string> org_ids;  // audience orgs only
  std::int64_t starts_ms = 0;
  std::optional<std::int64_t> ends_ms;
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const Announcement&) const = default;
};

// scheduled (not yet started), active, ended — at `now_ms`.
std::string announcement_status(const Announcement& a, std::int64_t now_ms);

// What operators see and edit.
nlohmann::json to_json(const Announcement& a, std::int64_t now_ms);

// An announcement as its reader sees it, with their read and dismissed state.
struct AnnouncementView {
  Announcement announcement;
  std::int64_t read_ms = 0;
  std::int64_t dismissed_ms = 0;
};
nlohmann::json to_json(const AnnouncementView& v);

// A create or an edit; absent fields are kept by an edit. `ends_ms` set to nullopt inside a
// present optional clears the end.
struct AnnouncementFields {
  std::optional<std::string> title, body_markdown, severity, audience;
  std::optional<std::vector<std::string>> org_ids;
  std::optional<std::int64_t> starts_ms;
  std::optional<std::optional<std::int64_t>> ends_ms;
};

}  // namespace cove::notify
