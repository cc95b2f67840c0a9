#include "app/backup_archive.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "core/blob_store.hpp"

namespace cove::app {

namespace {

constexpr std::string_view kSecretsPrefix = "secrets/";
constexpr std::string_view kBlobsPrefix = "blobs/sha256/";

}  // namespace

nlohmann::json BackupManifest::to_json() const {
  return {
      {"format", kBackupFormat},
      {"formatVersion", format_version},
      {"coveVersion", cove_version},
      {"createdAt", created_at},
      {"db", {{"sha256", db_sha256}, {"size", db_size}}},
      {"blobCount", blob_count},
      {"secretCount", secret_count},
  };
}

BackupManifest BackupManifest::from_json(const nlohmann::json& j) {
  if (!j.is_object() || j.value("format", "") != kBackupFormat) {
    throw std::runtime_error("backup.json is not a cove backup manifest");
  }
  BackupManifest m;
  try {
    m.format_version = j.at("formatVersion").get<int>();
    if (m.format_version != kBackupFormatVersion) {
      throw std::runtime_error(
          fmt::format("backup format version {} is not supported by this cove (it reads {})",
                      m.format_version, kBackupFormatVersion));
    }
    m.cove_version = j.at("coveVersion").get<std::string>();
    m.created_at = j.at("createdAt").get<std::string>();
    m.db_sha256 = j.at("db").at("sha256").get<std::string>();
    m.db_size = j.at("db").at("size").get<std::uint64_t>();
    m.blob_count = j.at("blobCount").get<std::uint64_t>();
    m.secret_count = j.at("secretCount").get<std::uint64_t>();
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("backup.json is incomplete: {}", e.what()));
  }
  if (!core::BlobStore::valid_hash(m.db_sha256)) {
    throw std::runtime_error("backup.json has an invalid db.sha256");
  }
  return m;
}

BackupEntry classify_backup_entry(std::string_view name) {
  if (name == kBackupManifestEntry) return {BackupEntryKind::kManifest, {}};
  if (name == kBackupDbEntry) return {BackupEntryKind::kDatabase, {}};
  if (name.starts_with(kSecretsPrefix)) {
    const auto file = name.substr(kSecretsPrefix.size());
    if (valid_secret_name(file)) return {BackupEntryKind::kSecret, std::string(file)};
  }
  if (name.starts_with(kBlobsPrefix)) {
    // Exactly blobs/sha256/ab/cd/<hash> for a hash starting "abcd": nothing else is accepted.
    const auto slash = name.rfind('/');
    const auto hash = name.substr(slash + 1);
    if (core::BlobStore::valid_hash(hash) && name == blob_entry_name(hash)) {
      return {BackupEntryKind::kBlob, std::string(hash)};
    }
  }
  return {};
}

std::string blob_entry_name(std::string_view sha256) {
  return fmt::format("{}{}/{}/{}", kBlobsPrefix, sha256.substr(0, 2), sha256.substr(2, 2), sha256);
}

std::string secret_entry_name(std::string_view name) { return fmt::format("{}{}", kSecretsPrefix, name); }

bool valid_secret_name(std::string_view name) {
  return !name.empty() && name.size() <= 128 && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '-';
         });
}

}  // namespace cove::app
