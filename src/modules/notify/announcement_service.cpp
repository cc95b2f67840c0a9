#include "modules/notify/announcement_service.hpp"

#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "modules/notify/announcement_repo.hpp"
#include "modules/notify/markdown_render.hpp"
#include "modules/notify/notify_api.hpp"

namespace cove::notify {

namespace {

nlohmann::json summary(const Announcement& a) {
  return {{"title", a.title}, {"severity", a.severity}, {"audience", a.audience}, {"orgIds", a.org_ids},
          {"startsMs", a.starts_ms}, {"endsMs", a.ends_ms ? nlohmann::json(*a.ends_ms) : nlohmann::json(nullptr)}};
}

bool meant_for(const Announcement& a, const core::Principal& reader) {
  if (a.audience == "all") return true;
  if (a.audience == "operators") return !reader.platform_role.empty();
  return std::any_of(a.org_ids.begin(), a.org_ids.end(), [&](const auto& org) { return reader.member_of(org); });
}

}  // namespace

void AnnouncementService::apply(core::Conn& c, Announcement& a, const AnnouncementFields& f) const {
  if (f.title) a.title = *f.title;
  if (f.body_markdown) {
    a.body_markdown = *f.body_markdown;
    a.body_html = render_markdown(a.body_markdown).html;
  }
  if (f.severity) a.severity = *f.severity;
  if (f.audience) a.audience = *f.audience;
  if (f.org_ids) a.org_ids = *f.org_ids;
  if (f.starts_ms) a.starts_ms = *f.starts_ms;
  if (f.ends_ms) a.ends_ms = *f.ends_ms;

  core::FieldErrors errors;
  if (a.audience == "orgs") {
    std::set<std::string> unique(a.org_ids.begin(), a.org_ids.end());
    a.org_ids.assign(unique.begin(), unique.end());
    if (a.org_ids.empty()) errors.add("orgIds", "required", "Name at least one organisation for audience orgs");
    const auto known = accounts_.org_names(c, a.org_ids);
    for (std::size_t i = 0; i < a.org_ids.size(); ++i) {
      if (!known.contains(a.org_ids[i]))
        errors.add("orgIds[" + std::to_string(i) + "]", "unknown_org", "No organisation has this id");
    }
  } else {
    a.org_ids.clear();
  }
  if (a.ends_ms && *a.ends_ms <= a.starts_ms) errors.add("endsAt", "before_start", "The end must be after the start");
  errors.throw_if_any();
}

Announcement AnnouncementService::create(const core::Actor& actor, const AnnouncementFields& fields) {
  return db_.write([&](core::Tx& tx) {
    if (announcement_repo::count(tx) >= kMaxAnnouncements) {
      throw core::Error(409, "notify.too_many_announcements",
                        "The platform keeps at most 10,000 announcements; delete old ones first");
    }
    const auto now = clock_.unix_millis();
    Announcement a{.id = core::new_id("ann"), .starts_ms = now, .created_by = actor.principal->id,
                   .created_ms = now, .updated_ms = now};
    apply(tx, a, fields);
    announcement_repo::insert(tx, a);
    changes_.record(tx, actor, events::AnnouncementCreated{a.id, a.audience, a.severity},
                    {.target_type = "announcement", .target_id = a.id, .after = summary(a)});
    return a;
  });
}

Announcement AnnouncementService::update(const core::Actor& actor, const std::string& id,
                                         const AnnouncementFields& fields) {
  return db_.write([&](core::Tx& tx) {
    auto stored = announcement_repo::find(tx, id);
    if (!stored) throw errors::announcement_not_found();
    auto a = *stored;
    apply(tx, a, fields);
    if (a == *stored) return a;  // nothing changed: nothing to log or announce
    a.updated_ms = clock_.unix_millis();
    announcement_repo::update(tx, a);
    changes_.record(tx, actor, events::AnnouncementUpdated{a.id, a.audience, a.severity},
                    {.target_type = "announcement", .target_id = a.id, .before = summary(*stored),
                     .after = summary(a)});
    return a;
  });
}

void AnnouncementService::remove(const core::Actor& actor, const std::string& id) {
  db_.write([&](core::Tx& tx) {
    const auto stored = announcement_repo::find(tx, id);
    if (!stored) throw errors::announcement_not_found();
    announcement_repo::remove(tx, id);
    changes_.record(tx, actor, events::AnnouncementDeleted{stored->id, stored->audience, stored->severity},
                    {.target_type = "announcement", .target_id = id, .before = summary(*stored)});
  });
}

Announcement AnnouncementService::get(const std::string& id) const {
  auto a = db_.read([&](core::Conn& c) { return announcement_repo::find(c, id); });
  if (!a) throw errors::announcement_not_found();
  return *a;
}

core::Page<Announcement> AnnouncementService::list(const std::optional<std::string>& status,
                                                   const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return announcement_repo::list(c, status, clock_.unix_millis(), page); });
}

std::vector<AnnouncementView> AnnouncementService::for_reader(const core::Principal& reader) const {
  // Announcements for other audiences are skipped after the read; the window is small (what is
  // active now), so a generous read limit keeps every one meant for this reader.
  auto rows = db_.read([&](core::Conn& c) {
    return announcement_repo::active(c, reader.id, clock_.unix_millis(), 20 * kMaxActiveAnnouncements);
  });
  std::vector<AnnouncementView> out;
  for (auto& v : rows) {
    if (!meant_for(v.announcement, reader)) continue;
    out.push_back(std::move(v));
    if (out.size() >= static_cast<std::size_t>(kMaxActiveAnnouncements)) break;
  }
  return out;
}

AnnouncementView AnnouncementService::mark(const core::Principal& reader, const std::string& id, bool dismissed) {
  return db_.write([&](core::Tx& tx) {
    const auto now = clock_.unix_millis();
    const auto a = announcement_repo::find(tx, id);
    if (!a || announcement_status(*a, now) != "active" || !meant_for(*a, reader))
      throw errors::announcement_not_found();
    announcement_repo::mark(tx, id, reader.id, now, dismissed);
    for (auto& v : announcement_repo::active(tx, reader.id, now, 20 * kMaxActiveAnnouncements)) {
      if (v.announcement.id == id) return v;
    }
    throw errors::announcement_not_found();
  });
}

}  // namespace cove::notify
