#include "modules/apps/version_repo.hpp"

namespace cove::apps::version_repo {

void read_row(core::Row& r, Version& v) {
  r.read(v.id, v.app_id, v.org_id, v.version, v.major, v.minor, v.patch, v.changelog, v.min_base_library,
         v.package_sha256, v.package_size, v.file_count, v.unpacked_size, v.manifest, v.status, v.signature,
         v.uploaded_by, v.created_ms, v.updated_ms, v.released_ms);
}

void read_row(core::Row& r, VersionFile& f) { r.read(f.path, f.size, f.sha256); }


namespace {
const std::string kColumns =
    "SELECT id, app_id, org_id, version, major, minor, patch, changelog, min_base_library, package_sha256, "
    "package_size, file_count, unpacked_size, manifest, status, signature, uploaded_by, created_ms, "
    "updated_ms, released_ms";
const std::string kSelect = kColumns + " FROM app_versions ";
}  // namespace

std::optional<Version> find(core::Conn& c, const std::string& org_id, const std::string& app_id,
                            const std::string& version) {
  return c.query_one<Version>(kSelect + "WHERE app_id = ? AND version = ? AND org_id = ?", app_id, version, org_id);
}

std::optional<Version> find_by_id(core::Conn& c, const std::string& org_id, const std::string& version_id) {
  return c.query_one<Version>(kSelect + "WHERE id = ? AND org_id = ?", version_id, org_id);
}

std::optional<Version> latest(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  return c.query_one<Version>(
      kSelect + "WHERE app_id = ? AND org_id = ? ORDER BY major DESC, minor DESC, patch DESC LIMIT 1", app_id, org_id);
}

core::Page<Version> list(core::Conn& c, const std::string& org_id, const std::string& app_id,
                         const core::PageRequest& page) {
  // Versions only ever increase at upload, so upload order is version order.
  return c.query_page<Version>(kColumns, "FROM app_versions WHERE app_id = ?1 AND org_id = ?2",
                               core::newest_first_page_sql("", 3), page, app_id, org_id);
}

std::vector<VersionFile> files(core::Conn& c, const std::string& org_id, const std::string& version_id) {
  return c.query_all<VersionFile>(
      "SELECT f.path, f.size, f.sha256 FROM version_files f JOIN app_versions v ON v.id = f.version_id "
      "WHERE f.version_id = ? AND v.org_id = ? ORDER BY f.path",
      version_id, org_id);
}

void insert(core::Tx& tx, const Version& v, const std::vector<VersionFile>& files) {
  tx.exec(
      "INSERT INTO app_versions(id, app_id, org_id, version, major, minor, patch, changelog, min_base_library, "
      "package_sha256, package_size, file_count, unpacked_size, manifest, status, uploaded_by, created_ms, "
      "updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      v.id, v.app_id, v.org_id, v.version, v.major, v.minor, v.patch, v.changelog, v.min_base_library,
      v.package_sha256, v.package_size, v.file_count, v.unpacked_size, core::null_if_null(v.manifest), v.status,
      v.uploaded_by, v.created_ms, v.updated_ms);
  for (const auto& f : files) {
    tx.exec("INSERT INTO version_files(version_id, path, size, sha256) VALUES(?, ?, ?, ?)", v.id, f.path, f.size,
            f.sha256);
  }
}

void update(core::Tx& tx, const Version& v) {
  tx.exec(
      "UPDATE app_versions SET status = ?, signature = ?, released_ms = ?, changelog = ?, min_base_library = ?, "
      "updated_ms = ? WHERE id = ? AND org_id = ?",
      v.status, core::null_if_empty(v.signature), core::null_if_zero(v.released_ms), v.changelog,
      v.min_base_library, v.updated_ms, v.id, v.org_id);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& version_id) {
  tx.exec("DELETE FROM app_versions WHERE id = ? AND org_id = ?", version_id, org_id);
}

bool uses_base_library(core::Conn& c, const std::string& version) {
  return c.query_one<int>("SELECT 1 FROM app_versions WHERE min_base_library = ? LIMIT 1", version).has_value();
}

bool references_package(core::Conn& c, const std::string& sha256) {
  return c.query_one<int>("SELECT 1 FROM app_versions WHERE package_sha256 = ? LIMIT 1", sha256).has_value();
}

}  // namespace cove::apps::version_repo
