// `cove backup FILE`: one consistent archive of a data directory, taken while the server runs.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "app/backup_archive.hpp"
#include "app/cli.hpp"
#include "app/data_dir.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace cove::app {

namespace {

namespace fs = std::filesystem;

// A private directory next to the archive for the database snapshot, removed on every exit path.
class StagingDir {
 public:
  explicit StagingDir(const fs::path& near) {
    std::string tmpl = (near / ".cove-backup-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error(
          fmt::format("cannot create a temp directory in {}: {}", near.string(), std::strerror(errno)));
    }
    path_ = tmpl;
  }
  ~StagingDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

[[noreturn]] void zip_failure(zip_t* archive, const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}", what, zip_strerror(archive)));
}

void add_entry(zip_t* archive, const std::string& name, zip_source_t* source, bool compress) {
  if (source == nullptr) zip_failure(archive, "cannot read " + name);
  const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    zip_failure(archive, "cannot add " + name);
  }
  const auto i = static_cast<zip_uint64_t>(index);
  // Blobs are code packages, zips already: deflating them again costs time and saves nothing.
  if (zip_set_file_compression(archive, i, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0 ||
      zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, (S_IFREG | 0600u) << 16) != 0) {
    zip_failure(archive, "cannot add " + name);
  }
}

void add_file(zip_t* archive, const std::string& name, const fs::path& file, bool compress) {
  add_entry(archive, name, zip_source_file(archive, file.c_str(), 0, 0), compress);
}

void fsync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw std::runtime_error(fmt::format("cannot sync {}: {}", path.string(), std::strerror(err)));
  }
  ::close(fd);
}

// Blob files as archive entry names; only names the restore side accepts are collected.
std::vector<std::pair<std::string, fs::path>> list_blobs(const DataPaths& paths, std::uint64_t& bytes) {
  std::vector<std::pair<std::string, fs::path>> blobs;
  const fs::path root = paths.blobs() / "sha256";
  if (!fs::is_directory(root)) return blobs;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = "blobs/" + fs::relative(entry.path(), paths.blobs()).generic_string();
    if (classify_backup_entry(name).kind != BackupEntryKind::kBlob) continue;
    bytes += entry.file_size();
    blobs.emplace_back(name, entry.path());
  }
  return blobs;
}

std::vector<std::pair<std::string, fs::path>> list_secrets(const DataPaths& paths) {
  std::vector<std::pair<std::string, fs::path>> secrets;
  if (!fs::is_directory(paths.secrets())) return secrets;
  for (const auto& entry : fs::directory_iterator(paths.secrets())) {
    const std::string name = entry.path().filename().string();
    // Dot-files are a secret being written (temp + rename); the finished file is what counts.
    if (entry.is_regular_file() && valid_secret_name(name)) secrets.emplace_back(name, entry.path());
  }
  return secrets;
}

int run_backup(const Args& args) {
  const core::Config config = load_command_config(args);
  configure_logging(config);
  const DataPaths paths{config.data_dir};
  const fs::path archive_path = fs::absolute(args.positional.front());
  const fs::path temp_path = archive_path.string() + ".tmp";
  // The archive holds the signing keys and password hashes: nothing it creates may be readable
  // by others, including libzip's own temp file.
  ::umask(077);

  // No data-directory lock: the online backup API copies a consistent snapshot beside a live
  // server. Blobs are immutable and written before the rows that reference them, so copying the
  // blob directory after the snapshot finds every blob the snapshot references.
  const core::DbOptions db_options = existing_db_options(config);
  const StagingDir staging(archive_path.parent_path());
  const fs::path snapshot = staging.path() / kBackupDbEntry;
  {
    core::Db db(db_options);
    db.backup_to(snapshot);
  }

  BackupManifest manifest;
  manifest.cove_version = std::string(cove_version());
  manifest.created_at = core::format_rfc3339(std::chrono::system_clock::now());
  manifest.db_sha256 = core::crypto::sha256_file_hex(snapshot);
  manifest.db_size = fs::file_size(snapshot);
  std::uint64_t blob_bytes = 0;
  const auto blobs = list_blobs(paths, blob_bytes);
  const auto secrets = list_secrets(paths);
  manifest.blob_count = blobs.size();
  manifest.secret_count = secrets.size();
  const std::string manifest_text = manifest.to_json().dump(2) + "\n";

  int error = 0;
  ZipArchive archive(zip_open(temp_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error));
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    const std::string message = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw std::runtime_error(fmt::format("cannot create {}: {}", temp_path.string(), message));
  }
  add_entry(archive.get(), std::string(kBackupManifestEntry),
            zip_source_buffer(archive.get(), manifest_text.data(), manifest_text.size(), 0), true);
  add_file(archive.get(), std::string(kBackupDbEntry), snapshot, true);
  for (const auto& [name, file] : secrets) add_file(archive.get(), secret_entry_name(name), file, true);
  for (const auto& [name, file] : blobs) add_file(archive.get(), name, file, false);
  // zip_close reads every source and writes the archive; on failure nothing is left at FILE.
  if (zip_close(archive.get()) != 0) {
    const std::string message = zip_strerror(archive.get());
    archive.reset();
    std::error_code ignored;
    fs::remove(temp_path, ignored);
    throw std::runtime_error(
        fmt::format("backup failed, nothing written to {}: {}", archive_path.string(), message));
  }
  static_cast<void>(archive.release());  // zip_close freed it
  fs::permissions(temp_path, fs::perms::owner_read | fs::perms::owner_write);
  fsync_path(temp_path, O_RDONLY);
  fs::rename(temp_path, archive_path);
  fsync_path(archive_path.parent_path(), O_RDONLY | O_DIRECTORY);

  std::cout << fmt::format(
      "backup written to {} ({}): database {}, blobs {} ({}), secrets {}\n"
      "The archive contains secrets (signing keys, password hashes): store it privately.\n",
      archive_path.string(), human_bytes(fs::file_size(archive_path)), human_bytes(manifest.db_size),
      blobs.size(), human_bytes(blob_bytes), secrets.size());
  return kExitOk;
}

}  // namespace

Command backup_command() {
  Command c;
  c.name = "backup";
  c.arguments = "FILE";
  c.summary = "Write a backup archive (safe while the server runs)";
  c.description =
      "Writes one zip archive FILE with a consistent snapshot of the database (SQLite online\n"
      "backup), every blob and the secrets, plus a backup.json manifest. It runs beside a live\n"
      "server and does not stop it. FILE is written as FILE.tmp and renamed when complete, so a\n"
      "failed backup never leaves a partial archive; an existing FILE is replaced.\n"
      "\n"
      "The archive contains the data directory's secrets (token signing keys) and password hashes:\n"
      "it is created with mode 0600; keep it as private as the data directory itself.\n"
      "Restore it with `cove restore FILE`.";
  c.flags = data_flags();
  c.min_args = 1;
  c.max_args = 1;
  c.run = run_backup;
  return c;
}

}  // namespace cove::app
