#pragma once
// The backup archive written by `cove backup` and read by `cove restore` (DESIGN.md §5): a zip
// whose layout mirrors the data directory, so an unzipped archive is a usable data directory.
//
//   backup.json                    the manifest (BackupManifest)
//   cove.db                        SQLite online-backup snapshot, deflated
//   secrets/<name>                 the files of <data>/secrets
//   blobs/sha256/ab/cd/<sha256>    every blob, stored uncompressed (packages are zips already)
//
// Nothing else may appear in an archive; restore rejects any other entry name before it writes.
#include <zip.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cove::app {

inline constexpr std::string_view kBackupManifestEntry = "backup.json";
inline constexpr std::string_view kBackupDbEntry = "cove.db";
inline constexpr std::string_view kBackupFormat = "cove-backup";
inline constexpr int kBackupFormatVersion = 1;

struct BackupManifest {
  int format_version = kBackupFormatVersion;
  std::string cove_version;
  std::string created_at;  // RFC 3339 UTC
  std::string db_sha256;   // of the cove.db entry
  std::uint64_t db_size = 0;
  std::uint64_t blob_count = 0;
  std::uint64_t secret_count = 0;

  nlohmann::json to_json() const;
  // Throws std::runtime_error naming what is missing or unsupported.
  static BackupManifest from_json(const nlohmann::json& j);
};

enum class BackupEntryKind { kManifest, kDatabase, kBlob, kSecret, kInvalid };

struct BackupEntry {
  BackupEntryKind kind = BackupEntryKind::kInvalid;
  std::string id;  // the blob's sha256 or the secret's file name
};

// Classifies an entry name exactly: absolute paths, "..", backslashes, directories and anything
// outside the layout above are kInvalid.
BackupEntry classify_backup_entry(std::string_view name);
std::string blob_entry_name(std::string_view sha256);
std::string secret_entry_name(std::string_view name);
// Secret file names are plain: [A-Za-z0-9._-], not starting with a dot, at most 128 characters.
bool valid_secret_name(std::string_view name);

// Owns an open archive; discards it (no partial write) unless zip_close() succeeded and release()
// was called.
struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipDiscard>;

}  // namespace cove::app
