#include "modules/apps/app_repo.hpp"

#include <fmt/format.h>

namespace cove::apps::app_repo {

namespace {

constexpr const char* kColumns =
    "a.id, a.org_id, a.name, a.summary, a.description, a.category, a.tags, a.developer, a.privacy, "
    "a.repository_url, a.security_rating, a.contracts, a.icon_sha256, a.icon_type, a.certificate_sha256, "
    "a.certificate_name, a.certificate_type, a.status, a.offline_by, a.offline_reason, "
    "a.released_version_id, "
    "v.version, a.created_by, a.created_ms, a.updated_ms";

constexpr const char* kFrom = " FROM apps a LEFT JOIN app_versions v ON v.id = a.released_version_id";

std::string text(const SQLite::Column& col) { return col.isNull() ? std::string() : col.getString(); }

App read_app(SQLite::Statement& st) {
  App a;
  a.id = st.getColumn(0).getString();
  a.org_id = st.getColumn(1).getString();
  a.name = st.getColumn(2).getString();
  a.summary = st.getColumn(3).getString();
  a.description = st.getColumn(4).getString();
  a.category = st.getColumn(5).getString();
  a.tags = nlohmann::json::parse(st.getColumn(6).getString());
  a.developer = nlohmann::json::parse(st.getColumn(7).getString());
  a.privacy = nlohmann::json::parse(st.getColumn(8).getString());
  a.repository_url = st.getColumn(9).getString();
  a.security_rating = st.getColumn(10).getString();
  a.contracts = nlohmann::json::parse(st.getColumn(11).getString());
  if (!st.getColumn(12).isNull())
    a.icon = StoredFile{st.getColumn(12).getString(), "icon", text(st.getColumn(13))};
  if (!st.getColumn(14).isNull()) {
    a.certificate = StoredFile{st.getColumn(14).getString(), text(st.getColumn(15)), text(st.getColumn(16))};
  }
  a.status = st.getColumn(17).getString();
  a.offline_by = st.getColumn(18).getString();
  a.offline_reason = st.getColumn(19).getString();
  a.released_version_id = text(st.getColumn(20));
  a.released_version = text(st.getColumn(21));
  a.created_by = st.getColumn(22).getString();
  a.created_ms = st.getColumn(23).getInt64();
  a.updated_ms = st.getColumn(24).getInt64();
  return a;
}

void bind_text_or_null(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
  if (v)
    st.bind(index, *v);
  else
    st.bind(index);
}

}  // namespace

std::optional<std::string> org_of(core::Conn& c, const std::string& app_id) {
  auto& st = c.prepare("SELECT org_id FROM apps WHERE id = ?");
  st.bind(1, app_id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

std::optional<App> find(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  auto& st = c.prepare(fmt::format("SELECT {}{} WHERE a.id = ? AND a.org_id = ?", kColumns, kFrom));
  st.bind(1, app_id);
  st.bind(2, org_id);
  if (!st.executeStep()) return std::nullopt;
  return read_app(st);
}

std::int64_t count_in_org(core::Conn& c, const std::string& org_id) {
  auto& st = c.prepare("SELECT count(*) FROM apps WHERE org_id = ?");
  st.bind(1, org_id);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

void insert(core::Tx& tx, const App& a) {
  auto& st = tx.prepare(
      "INSERT INTO apps(id, org_id, name, summary, description, category, tags, developer, privacy, "
      "repository_url, security_rating, contracts, status, created_by, created_ms, updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, a.id);
  st.bind(2, a.org_id);
  st.bind(3, a.name);
  st.bind(4, a.summary);
  st.bind(5, a.description);
  st.bind(6, a.category);
  st.bind(7, a.tags.dump());
  st.bind(8, a.developer.dump());
  st.bind(9, a.privacy.dump());
  st.bind(10, a.repository_url);
  st.bind(11, a.security_rating);
  st.bind(12, a.contracts.dump());
  st.bind(13, a.status);
  st.bind(14, a.created_by);
  st.bind(15, a.created_ms);
  st.bind(16, a.updated_ms);
  st.exec();
}

void update_fields(core::Tx& tx, const App& a) {
  auto& st = tx.prepare(
      "UPDATE apps SET name = ?, summary = ?, description = ?, category = ?, tags = ?, developer = ?, "
      "privacy = ?, repository_url = ?, security_rating = ?, contracts = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?");
  st.bind(1, a.name);
  st.bind(2, a.summary);
  st.bind(3, a.description);
  st.bind(4, a.category);
  st.bind(5, a.tags.dump());
  st.bind(6, a.developer.dump());
  st.bind(7, a.privacy.dump());
  st.bind(8, a.repository_url);
  st.bind(9, a.security_rating);
  st.bind(10, a.contracts.dump());
  st.bind(11, a.updated_ms);
  st.bind(12, a.id);
  st.bind(13, a.org_id);
  st.exec();
}

void set_status(core::Tx& tx, const App& a) {
  auto& st = tx.prepare(
      "UPDATE apps SET status = ?, offline_by = ?, offline_reason = ?, updated_ms = ? WHERE id = ? AND "
      "org_id = ?");
  st.bind(1, a.status);
  st.bind(2, a.offline_by);
  st.bind(3, a.offline_reason);
  st.bind(4, a.updated_ms);
  st.bind(5, a.id);
  st.bind(6, a.org_id);
  st.exec();
}

void set_icon(core::Tx& tx, const App& a) {
  auto& st = tx.prepare(
      "UPDATE apps SET icon_sha256 = ?, icon_type = ?, updated_ms = ? WHERE id = ? AND org_id = ?");
  bind_text_or_null(st, 1, a.icon ? std::optional(a.icon->sha256) : std::nullopt);
  bind_text_or_null(st, 2, a.icon ? std::optional(a.icon->content_type) : std::nullopt);
  st.bind(3, a.updated_ms);
  st.bind(4, a.id);
  st.bind(5, a.org_id);
  st.exec();
}

void set_certificate(core::Tx& tx, const App& a) {
  auto& st = tx.prepare(
      "UPDATE apps SET certificate_sha256 = ?, certificate_name = ?, certificate_type = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?");
  const auto& f = a.certificate;
  bind_text_or_null(st, 1, f ? std::optional(f->sha256) : std::nullopt);
  bind_text_or_null(st, 2, f ? std::optional(f->name) : std::nullopt);
  bind_text_or_null(st, 3, f ? std::optional(f->content_type) : std::nullopt);
  st.bind(4, a.updated_ms);
  st.bind(5, a.id);
  st.bind(6, a.org_id);
  st.exec();
}

void set_released(core::Tx& tx, const std::string& org_id, const std::string& app_id,
                  const std::string& version_id, std::int64_t now_ms) {
  auto& st =
      tx.prepare("UPDATE apps SET released_version_id = ?, updated_ms = ? WHERE id = ? AND org_id = ?");
  st.bind(1, version_id);
  st.bind(2, now_ms);
  st.bind(3, app_id);
  st.bind(4, org_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& app_id) {
  auto& st = tx.prepare("DELETE FROM apps WHERE id = ? AND org_id = ?");
  st.bind(1, app_id);
  st.bind(2, org_id);
  st.exec();
}

std::vector<App> list(core::Conn& c, const AppFilter& filter, const accounts::PageRequest& page) {
  // One statement text per shape of filter (a bounded set), so each stays cached.
  std::string sql = fmt::format("SELECT {}{} WHERE 1 = 1", kColumns, kFrom);
  if (filter.org_id) sql += " AND a.org_id = ?";
  if (filter.status) sql += " AND a.status = ?";
  if (filter.category) sql += " AND a.category = ?";
  if (!filter.query.empty()) sql += " AND (a.name LIKE ? ESCAPE '\\' OR a.id = ?)";
  const int page_index = 1 + (filter.org_id ? 1 : 0) + (filter.status ? 1 : 0) + (filter.category ? 1 : 0) +
                         (filter.query.empty() ? 0 : 2);
  sql += accounts::newest_first_page_sql("a.", page_index);
  auto& st = c.prepare(sql);
  int i = 1;
  if (filter.org_id) st.bind(i++, *filter.org_id);
  if (filter.status) st.bind(i++, *filter.status);
  if (filter.category) st.bind(i++, *filter.category);
  if (!filter.query.empty()) {
    st.bind(i++, accounts::like_contains(filter.query));
    st.bind(i++, filter.query);
  }
  accounts::bind_page(st, i, page);
  std::vector<App> out;
  while (st.executeStep()) out.push_back(read_app(st));
  return out;
}

bool references_blob(core::Conn& c, const std::string& sha256) {
  auto& st = c.prepare("SELECT 1 FROM apps WHERE icon_sha256 = ? OR certificate_sha256 = ? LIMIT 1");
  st.bind(1, sha256);
  st.bind(2, sha256);
  return st.executeStep();
}

}  // namespace cove::apps::app_repo
