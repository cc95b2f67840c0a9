#include "modules/apps/version_repo.hpp"

#include <fmt/format.h>

namespace cove::apps::version_repo {

namespace {

constexpr const char* kColumns =
    "id, app_id, org_id, version, major, minor, patch, changelog, min_base_library, package_sha256, "
    "package_size, file_count, unpacked_size, manifest, status, signature, uploaded_by, created_ms, "
    "updated_ms, released_ms";

Version read_version(SQLite::Statement& st) {
  Version v;
  v.id = st.getColumn(0).getString();
  v.app_id = st.getColumn(1).getString();
  v.org_id = st.getColumn(2).getString();
  v.version = st.getColumn(3).getString();
  v.major = st.getColumn(4).getInt64();
  v.minor = st.getColumn(5).getInt64();
  v.patch = st.getColumn(6).getInt64();
  v.changelog = st.getColumn(7).getString();
  v.min_base_library = st.getColumn(8).getString();
  v.package_sha256 = st.getColumn(9).getString();
  v.package_size = st.getColumn(10).getInt64();
  v.file_count = st.getColumn(11).getInt64();
  v.unpacked_size = st.getColumn(12).getInt64();
  if (!st.getColumn(13).isNull()) v.manifest = nlohmann::json::parse(st.getColumn(13).getString());
  v.status = st.getColumn(14).getString();
  v.signature = st.getColumn(15).isNull() ? "" : st.getColumn(15).getString();
  v.uploaded_by = st.getColumn(16).getString();
  v.created_ms = st.getColumn(17).getInt64();
  v.updated_ms = st.getColumn(18).getInt64();
  v.released_ms = st.getColumn(19).isNull() ? 0 : st.getColumn(19).getInt64();
  return v;
}

std::optional<Version> first(SQLite::Statement& st) {
  if (!st.executeStep()) return std::nullopt;
  return read_version(st);
}

}  // namespace

std::optional<Version> find(core::Conn& c, const std::string& org_id, const std::string& app_id,
                            const std::string& version) {
  auto& st = c.prepare(
      fmt::format("SELECT {} FROM app_versions WHERE app_id = ? AND version = ? AND org_id = ?", kColumns));
  st.bind(1, app_id);
  st.bind(2, version);
  st.bind(3, org_id);
  return first(st);
}

std::optional<Version> find_by_id(core::Conn& c, const std::string& org_id, const std::string& version_id) {
  auto& st = c.prepare(fmt::format("SELECT {} FROM app_versions WHERE id = ? AND org_id = ?", kColumns));
  st.bind(1, version_id);
  st.bind(2, org_id);
  return first(st);
}

std::optional<Version> latest(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  auto& st =
      c.prepare(fmt::format("SELECT {} FROM app_versions WHERE app_id = ? AND org_id = ? ORDER BY major "
                            "DESC, minor DESC, patch DESC "
                            "LIMIT 1",
                            kColumns));
  st.bind(1, app_id);
  st.bind(2, org_id);
  return first(st);
}

std::vector<Version> list(core::Conn& c, const std::string& org_id, const std::string& app_id,
                          const accounts::PageRequest& page) {
  // Versions only ever increase at upload, so upload order is version order.
  auto& st = c.prepare(fmt::format("SELECT {} FROM app_versions WHERE app_id = ?1 AND org_id = ?2{}",
                                   kColumns, accounts::newest_first_page_sql("", 3)));
  st.bind(1, app_id);
  st.bind(2, org_id);
  accounts::bind_page(st, 3, page);
  std::vector<Version> out;
  while (st.executeStep()) out.push_back(read_version(st));
  return out;
}

std::vector<VersionFile> files(core::Conn& c, const std::string& org_id, const std::string& version_id) {
  auto& st = c.prepare(
      "SELECT f.path, f.size, f.sha256 FROM version_files f JOIN app_versions v ON v.id = f.version_id "
      "WHERE f.version_id = ? AND v.org_id = ? ORDER BY f.path");
  st.bind(1, version_id);
  st.bind(2, org_id);
  std::vector<VersionFile> out;
  while (st.executeStep()) {
    out.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt64(), st.getColumn(2).getString()});
  }
  return out;
}

void insert(core::Tx& tx, const Version& v, const std::vector<VersionFile>& files) {
  auto& st = tx.prepare(
      "INSERT INTO app_versions(id, app_id, org_id, version, major, minor, patch, changelog, "
      "min_base_library, "
      "package_sha256, package_size, file_count, unpacked_size, manifest, status, uploaded_by, created_ms, "
      "updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, v.id);
  st.bind(2, v.app_id);
  st.bind(3, v.org_id);
  st.bind(4, v.version);
  st.bind(5, v.major);
  st.bind(6, v.minor);
  st.bind(7, v.patch);
  st.bind(8, v.changelog);
  st.bind(9, v.min_base_library);
  st.bind(10, v.package_sha256);
  st.bind(11, v.package_size);
  st.bind(12, v.file_count);
  st.bind(13, v.unpacked_size);
  if (v.manifest.is_null())
    st.bind(14);
  else
    st.bind(14, v.manifest.dump());
  st.bind(15, v.status);
  st.bind(16, v.uploaded_by);
  st.bind(17, v.created_ms);
  st.bind(18, v.updated_ms);
  st.exec();

  auto& file = tx.prepare("INSERT INTO version_files(version_id, path, size, sha256) VALUES(?, ?, ?, ?)");
  for (const auto& f : files) {
    file.reset();
    file.bind(1, v.id);
    file.bind(2, f.path);
    file.bind(3, f.size);
    file.bind(4, f.sha256);
    file.exec();
  }
}

void update(core::Tx& tx, const Version& v) {
  auto& st = tx.prepare(
      "UPDATE app_versions SET status = ?, signature = ?, released_ms = ?, changelog = ?, min_base_library = "
      "?, "
      "updated_ms = ? WHERE id = ? AND org_id = ?");
  st.bind(1, v.status);
  if (v.signature.empty())
    st.bind(2);
  else
    st.bind(2, v.signature);
  if (v.released_ms > 0)
    st.bind(3, v.released_ms);
  else
    st.bind(3);
  st.bind(4, v.changelog);
  st.bind(5, v.min_base_library);
  st.bind(6, v.updated_ms);
  st.bind(7, v.id);
  st.bind(8, v.org_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& version_id) {
  auto& st = tx.prepare("DELETE FROM app_versions WHERE id = ? AND org_id = ?");
  st.bind(1, version_id);
  st.bind(2, org_id);
  st.exec();
}

bool uses_base_library(core::Conn& c, const std::string& version) {
  auto& st = c.prepare("SELECT 1 FROM app_versions WHERE min_base_library = ? LIMIT 1");
  st.bind(1, version);
  return st.executeStep();
}

bool references_package(core::Conn& c, const std::string& sha256) {
  auto& st = c.prepare("SELECT 1 FROM app_versions WHERE package_sha256 = ? LIMIT 1");
  st.bind(1, sha256);
  return st.executeStep();
}

}  // namespace cove::apps::version_repo
