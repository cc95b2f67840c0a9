#include "modules/notify/announcement_repo.hpp"

#include "core/db_row.hpp"

namespace cove::notify {

namespace {

const std::string kColumns =
    "a.id, a.title, a.body_markdown, a.body_html, a.severity, a.audience, a.starts_ms, a.ends_ms, a.created_by, "
    "a.created_ms, a.updated_ms";

// The status filter as SQL over ?1 (the status) and ?2 (now).
const std::string kStatusWhere =
    "(?1 IS NULL OR (?1 = 'scheduled' AND a.starts_ms > ?2) OR "
    "(?1 = 'active' AND a.starts_ms <= ?2 AND (a.ends_ms IS NULL OR a.ends_ms > ?2)) OR "
    "(?1 = 'ended' AND a.ends_ms IS NOT NULL AND a.ends_ms <= ?2))";

void load_orgs(core::Conn& c, Announcement& a) {
  if (a.audience != "orgs") return;
  a.org_ids = c.query_all<std::string>(
      "SELECT org_id FROM announcement_orgs WHERE announcement_id = ? ORDER BY org_id", a.id);
}

void save_orgs(core::Tx& tx, const Announcement& a) {
  tx.exec("DELETE FROM announcement_orgs WHERE announcement_id = ?", a.id);
  if (a.audience != "orgs") return;
  for (const auto& org : a.org_ids) {
    tx.exec("INSERT INTO announcement_orgs(announcement_id, org_id) VALUES(?, ?)", a.id, org);
  }
}

}  // namespace

void read_row(core::Row& r, Announcement& a) {
  r.read(a.id, a.title, a.body_markdown, a.body_html, a.severity, a.audience, a.starts_ms, a.ends_ms, a.created_by,
         a.created_ms, a.updated_ms);
}

void read_row(core::Row& r, AnnouncementView& v) {
  auto& a = v.announcement;
  std::optional<std::int64_t> read, dismissed;
  r.read(a.id, a.title, a.body_markdown, a.body_html, a.severity, a.audience, a.starts_ms, a.ends_ms, a.created_by,
         a.created_ms, a.updated_ms, read, dismissed);
  v.read_ms = read.value_or(0);
  v.dismissed_ms = dismissed.value_or(0);
}

namespace announcement_repo {

void insert(core::Tx& tx, const Announcement& a) {
  tx.exec(
      "INSERT INTO announcements(id, title, body_markdown, body_html, severity, audience, starts_ms, ends_ms, "
      "created_by, created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      a.id, a.title, a.body_markdown, a.body_html, a.severity, a.audience, a.starts_ms, a.ends_ms, a.created_by,
      a.created_ms, a.updated_ms);
  save_orgs(tx, a);
}

void update(core::Tx& tx, const Announcement& a) {
  tx.exec(
      "UPDATE announcements SET title = ?, body_markdown = ?, body_html = ?, severity = ?, audience = ?, "
      "starts_ms = ?, ends_ms = ?, updated_ms = ? WHERE id = ?",
      a.title, a.body_markdown, a.body_html, a.severity, a.audience, a.starts_ms, a.ends_ms, a.updated_ms, a.id);
  save_orgs(tx, a);
}

bool remove(core::Tx& tx, const std::string& id) {
  return tx.exec("DELETE FROM announcements WHERE id = ?", id) > 0;
}

std::optional<Announcement> find(core::Conn& c, const std::string& id) {
  auto a = c.query_one<Announcement>("SELECT " + kColumns + " FROM announcements a WHERE a.id = ?", id);
  if (a) load_orgs(c, *a);
  return a;
}

std::int64_t count(core::Conn& c) { return c.query_value<std::int64_t>("SELECT count(*) FROM announcements"); }

core::Page<Announcement> list(core::Conn& c, const std::optional<std::string>& status, std::int64_t now_ms,
                              const core::PageRequest& page) {
  auto out = c.query_page<Announcement>("SELECT " + kColumns, "FROM announcements a WHERE " + kStatusWhere,
                                        core::newest_first_page_sql("a.", 3), page, status, now_ms);
  for (auto& a : out.rows) load_orgs(c, a);
  return out;
}

std::vector<AnnouncementView> active(core::Conn& c, const std::string& user_id, std::int64_t now_ms, int limit) {
  auto rows = c.query_all<AnnouncementView>(
      "SELECT " + kColumns +
          ", r.read_ms, r.dismissed_ms FROM announcements a "
          "LEFT JOIN announcement_reads r ON r.announcement_id = a.id AND r.user_id = ? "
          "WHERE a.starts_ms <= ? AND (a.ends_ms IS NULL OR a.ends_ms > ?) "
          "ORDER BY a.starts_ms DESC, a.id DESC LIMIT ?",
      user_id, now_ms, now_ms, limit);
  for (auto& v : rows) load_orgs(c, v.announcement);
  return rows;
}

void mark(core::Tx& tx, const std::string& id, const std::string& user_id, std::int64_t now_ms, bool dismissed) {
  const std::optional<std::int64_t> dismissed_ms = dismissed ? std::optional(now_ms) : std::nullopt;
  tx.exec(
      "INSERT INTO announcement_reads(announcement_id, user_id, read_ms, dismissed_ms) VALUES(?, ?, ?, ?) "
      "ON CONFLICT (announcement_id, user_id) DO UPDATE SET "
      "dismissed_ms = COALESCE(announcement_reads.dismissed_ms, excluded.dismissed_ms)",
      id, user_id, now_ms, dismissed_ms);
}

}  // namespace announcement_repo

}  // namespace cove::notify
