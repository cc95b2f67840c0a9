#include "modules/apps/app_repo.hpp"

namespace cove::apps::app_repo {

void read_row(core::Row& r, App& a) {
  std::optional<std::string> icon_sha256, certificate_sha256;
  std::string icon_type, certificate_name, certificate_type;
  r.read(a.id, a.org_id, a.name, a.summary, a.description, a.category, a.tags, a.developer, a.privacy,
         a.repository_url, a.security_rating, a.contracts, icon_sha256, icon_type, certificate_sha256,
         certificate_name, certificate_type, a.status, a.offline_by, a.offline_reason, a.released_version_id,
         a.released_version, a.created_by, a.created_ms, a.updated_ms);
  if (icon_sha256) a.icon = StoredFile{*icon_sha256, "icon", icon_type};
  if (certificate_sha256) a.certificate = StoredFile{*certificate_sha256, certificate_name, certificate_type};
}


namespace {

const std::string kColumns =
    "SELECT a.id, a.org_id, a.name, a.summary, a.description, a.category, a.tags, a.developer, a.privacy, "
    "a.repository_url, a.security_rating, a.contracts, a.icon_sha256, a.icon_type, a.certificate_sha256, "
    "a.certificate_name, a.certificate_type, a.status, a.offline_by, a.offline_reason, a.released_version_id, "
    "v.version, a.created_by, a.created_ms, a.updated_ms";
const std::string kFrom = "FROM apps a LEFT JOIN app_versions v ON v.id = a.released_version_id";
const std::string kSelect = kColumns + " " + kFrom;

// A stored file's column, NULL when there is no file.
template <class Member>
std::optional<std::string> file_column(const std::optional<StoredFile>& f, Member member) {
  return f ? std::optional<std::string>((*f).*member) : std::nullopt;
}

}  // namespace

std::optional<std::string> org_of(core::Conn& c, const std::string& app_id) {
  return c.query_one<std::string>("SELECT org_id FROM apps WHERE id = ?", app_id);
}

std::optional<App> find(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  return c.query_one<App>(kSelect + " WHERE a.id = ? AND a.org_id = ?", app_id, org_id);
}

std::int64_t count_in_org(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM apps WHERE org_id = ?", org_id);
}

void insert(core::Tx& tx, const App& a) {
  tx.exec(
      "INSERT INTO apps(id, org_id, name, summary, description, category, tags, developer, privacy, "
      "repository_url, security_rating, contracts, status, created_by, created_ms, updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      a.id, a.org_id, a.name, a.summary, a.description, a.category, a.tags, a.developer, a.privacy,
      a.repository_url, a.security_rating, a.contracts, a.status, a.created_by, a.created_ms, a.updated_ms);
}

void update_fields(core::Tx& tx, const App& a) {
  tx.exec(
      "UPDATE apps SET name = ?, summary = ?, description = ?, category = ?, tags = ?, developer = ?, "
      "privacy = ?, repository_url = ?, security_rating = ?, contracts = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?",
      a.name, a.summary, a.description, a.category, a.tags, a.developer, a.privacy, a.repository_url,
      a.security_rating, a.contracts, a.updated_ms, a.id, a.org_id);
}

void set_status(core::Tx& tx, const App& a) {
  tx.exec(
      "UPDATE apps SET status = ?, offline_by = ?, offline_reason = ?, updated_ms = ? WHERE id = ? AND org_id = ?",
      a.status, a.offline_by, a.offline_reason, a.updated_ms, a.id, a.org_id);
}

void set_icon(core::Tx& tx, const App& a) {
  tx.exec("UPDATE apps SET icon_sha256 = ?, icon_type = ?, updated_ms = ? WHERE id = ? AND org_id = ?",
          file_column(a.icon, &StoredFile::sha256), file_column(a.icon, &StoredFile::content_type), a.updated_ms,
          a.id, a.org_id);
}

void set_certificate(core::Tx& tx, const App& a) {
  tx.exec(
      "UPDATE apps SET certificate_sha256 = ?, certificate_name = ?, certificate_type = ?, updated_ms = ? "
      "WHERE id = ? AND org_id = ?",
      file_column(a.certificate, &StoredFile::sha256), file_column(a.certificate, &StoredFile::name),
      file_column(a.certificate, &StoredFile::content_type), a.updated_ms, a.id, a.org_id);
}

void set_released(core::Tx& tx, const std::string& org_id, const std::string& app_id,
                  const std::string& version_id, std::int64_t now_ms) {
  tx.exec("UPDATE apps SET released_version_id = ?, updated_ms = ? WHERE id = ? AND org_id = ?", version_id, now_ms,
          app_id, org_id);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& app_id) {
  tx.exec("DELETE FROM apps WHERE id = ? AND org_id = ?", app_id, org_id);
}

core::Page<App> list(core::Conn& c, const AppFilter& filter, const core::PageRequest& page) {
  // One statement text per shape of filter (a bounded set), so each stays cached and uses its index.
  std::string sql = kFrom + " WHERE 1 = 1";
  core::SqlArgs args;
  if (filter.org_id) {
    sql += " AND a.org_id = ?";
    args.add(*filter.org_id);
  }
  if (filter.status) {
    sql += " AND a.status = ?";
    args.add(*filter.status);
  }
  if (filter.category) {
    sql += " AND a.category = ?";
    args.add(*filter.category);
  }
  if (!filter.query.empty()) {
    sql += " AND (a.name LIKE ? ESCAPE '\\' OR a.id = ?)";
    args.add(core::like_contains(filter.query)).add(filter.query);
  }
  return c.query_page<App>(kColumns, sql, core::newest_first_page_sql("a.", static_cast<int>(args.values().size()) + 1),
                           page, args);
}

bool references_blob(core::Conn& c, const std::string& sha256) {
  return c.query_one<int>("SELECT 1 FROM apps WHERE icon_sha256 = ?1 OR certificate_sha256 = ?1 LIMIT 1", sha256)
      .has_value();
}

}  // namespace cove::apps::app_repo
