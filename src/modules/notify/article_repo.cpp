#include "modules/notify/article_repo.hpp"

#include "core/db_row.hpp"

namespace cove::notify {

namespace {

const std::string kColumns =
    "a.id, a.org_id, a.title, a.summary, a.body_markdown, a.body_html, a.body_text, a.category, a.tags, "
    "a.cover_sha256, a.cover_type, a.cover_size, a.state, a.publish_ms, a.created_by, a.created_ms, a.updated_ms";

// The owner condition over ?1: "" selects the platform's rows (org_id NULL).
const std::string kOwnerWhere = "((?1 = '' AND a.org_id IS NULL) OR a.org_id = ?1)";

void load_targets(core::Conn& c, Article& a) {
  a.host_app_ids = c.query_all<std::string>(
      "SELECT host_app_id FROM article_targets WHERE article_id = ? ORDER BY host_app_id", a.id);
}

void save_targets(core::Tx& tx, const Article& a) {
  tx.exec("DELETE FROM article_targets WHERE article_id = ?", a.id);
  for (const auto& h : a.host_app_ids) {
    tx.exec("INSERT INTO article_targets(article_id, host_app_id) VALUES(?, ?)", a.id, h);
  }
}

std::optional<std::string> cover_field(const Article& a, int which) {
  if (!a.cover) return std::nullopt;
  return which == 0 ? a.cover->sha256 : a.cover->content_type;
}

}  // namespace

void read_row(core::Row& r, Article& a) {
  std::optional<std::string> org, sha, type, tags;
  std::optional<std::int64_t> size;
  r.read(a.id, org, a.title, a.summary, a.body_markdown, a.body_html, a.body_text, a.category, tags, sha, type, size,
         a.state, a.publish_ms, a.created_by, a.created_ms, a.updated_ms);
  a.org_id = org.value_or("");
  a.tags = nlohmann::json::parse(tags.value_or("[]")).get<std::vector<std::string>>();
  if (sha) a.cover = ArticleCover{*sha, type.value_or(""), size.value_or(0)};
}

namespace article_repo {

void insert(core::Tx& tx, const Article& a) {
  tx.exec("INSERT INTO articles(id, org_id, title, summary, body_markdown, body_html, body_text, category, tags, "
          "cover_sha256, cover_type, cover_size, state, publish_ms, created_by, created_ms, updated_ms) "
          "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          a.id, core::null_if_empty(a.org_id), a.title, a.summary, a.body_markdown, a.body_html, a.body_text,
          a.category, nlohmann::json(a.tags).dump(), cover_field(a, 0), cover_field(a, 1),
          a.cover ? std::optional(a.cover->size) : std::nullopt, a.state, a.publish_ms, a.created_by, a.created_ms,
          a.updated_ms);
  save_targets(tx, a);
}

void update(core::Tx& tx, const Article& a) {
  tx.exec("UPDATE articles SET title = ?, summary = ?, body_markdown = ?, body_html = ?, body_text = ?, "
          "category = ?, tags = ?, cover_sha256 = ?, cover_type = ?, cover_size = ?, state = ?, publish_ms = ?, "
          "updated_ms = ? WHERE id = ?",
          a.title, a.summary, a.body_markdown, a.body_html, a.body_text, a.category, nlohmann::json(a.tags).dump(),
          cover_field(a, 0), cover_field(a, 1), a.cover ? std::optional(a.cover->size) : std::nullopt, a.state,
          a.publish_ms, a.updated_ms, a.id);
  save_targets(tx, a);
}

bool remove(core::Tx& tx, const std::string& owner, const std::string& id) {
  return tx.exec("DELETE FROM articles WHERE id = ?2 AND ((?1 = '' AND org_id IS NULL) OR org_id = ?1)", owner, id) > 0;
}

std::optional<Article> find(core::Conn& c, const std::string& owner, const std::string& id) {
  auto a = c.query_one<Article>("SELECT " + kColumns + " FROM articles a WHERE a.id = ?2 AND " + kOwnerWhere, owner,
                                id);
  if (a) load_targets(c, *a);
  return a;
}

std::int64_t count(core::Conn& c, const std::string& owner) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM articles a WHERE " + kOwnerWhere, owner);
}

core::Page<Article> list(core::Conn& c, const std::string& owner, const Filter& filter, const core::PageRequest& page) {
  auto out = c.query_page<Article>(
      "SELECT " + kColumns,
      "FROM articles a WHERE " + kOwnerWhere + " AND (?2 IS NULL OR a.state = ?2) AND (?3 IS NULL OR a.category = ?3)",
      core::newest_first_page_sql("a.", 4), page, owner, filter.state, filter.category);
  for (auto& a : out.rows) load_targets(c, a);
  return out;
}

std::vector<Article> published(core::Conn& c) {
  auto rows = c.query_all<Article>("SELECT " + kColumns +
                                   " FROM articles a WHERE a.state = 'published' ORDER BY a.publish_ms DESC, a.id DESC");
  for (auto& a : rows) load_targets(c, a);
  return rows;
}

std::optional<std::string> org_of(core::Conn& c, const std::string& id) {
  auto org = c.query_all<std::string>("SELECT org_id FROM articles WHERE id = ? AND org_id IS NOT NULL", id);
  if (org.empty()) return std::nullopt;
  return org.front();
}

bool cover_in_use(core::Conn& c, const std::string& sha256) {
  return c.query_one<std::int64_t>("SELECT 1 FROM articles WHERE cover_sha256 = ? LIMIT 1", sha256).has_value();
}

}  // namespace article_repo

}  // namespace cove::notify
