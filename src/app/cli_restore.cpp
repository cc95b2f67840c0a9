// `cove restore FILE`: replaces a data directory with a backup archive's contents. The archive is
// checked completely (manifest, entry names, counts) before anything is written, extracted into a
// sibling temp directory while every blob is checked against its hash, and only then swapped in.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/Database.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "app/backup_archive.hpp"
#include "app/cli.hpp"
#include "app/data_dir.hpp"
#include "core/crypto.hpp"

namespace cove::app {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kManifestLimit = 64 * 1024;

struct ArchiveIndex {
  BackupManifest manifest;
  zip_uint64_t db = 0;
  std::vector<std::pair<zip_uint64_t, std::string>> blobs;    // index, sha256
  std::vector<std::pair<zip_uint64_t, std::string>> secrets;  // index, file name
};

[[noreturn]] void refuse(const fs::path& file, const std::string& why) {
  throw std::runtime_error(fmt::format("refusing to restore {}: {}", file.string(), why));
}

ZipArchive open_archive(const fs::path& file) {
  int error = 0;
  ZipArchive archive(zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    const std::string message = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw std::runtime_error(fmt::format("cannot open backup archive {}: {}", file.string(), message));
  }
  return archive;
}

struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipFile = std::unique_ptr<zip_file_t, ZipFileClose>;

ZipFile open_entry(zip_t* archive, zip_uint64_t index) {
  ZipFile f(zip_fopen_index(archive, index, 0));
  if (!f) throw std::runtime_error(fmt::format("cannot read archive entry: {}", zip_strerror(archive)));
  return f;
}

std::string read_manifest(zip_t* archive, zip_uint64_t index, const fs::path& file) {
  zip_stat_t st;
  if (zip_stat_index(archive, index, 0, &st) != 0 || st.size > kManifestLimit) {
    refuse(file, "backup.json is too large");
  }
  const ZipFile f = open_entry(archive, index);
  std::string text(st.size, '\0');
  if (zip_fread(f.get(), text.data(), st.size) != static_cast<zip_int64_t>(st.size)) {
    refuse(file, fmt::format("cannot read backup.json: {}", zip_file_strerror(f.get())));
  }
  return text;
}

// Reads the central directory: every entry must belong to the layout, once, unencrypted, and the
// counts must agree with the manifest.
ArchiveIndex index_archive(zip_t* archive, const fs::path& file) {
  ArchiveIndex index;
  std::optional<zip_uint64_t> manifest_at, db_at;
  std::set<std::string, std::less<>> seen;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto at = static_cast<zip_uint64_t>(i);
    const char* raw = zip_get_name(archive, at, ZIP_FL_ENC_RAW);
    if (raw == nullptr) refuse(file, "unreadable entry name");
    const std::string name = raw;
    const BackupEntry entry = classify_backup_entry(name);
    if (entry.kind == BackupEntryKind::kInvalid) {
      refuse(file, fmt::format("unexpected entry \"{}\" (not part of a cove backup)", name));
    }
    if (!seen.insert(name).second) refuse(file, fmt::format("duplicate entry \"{}\"", name));
    zip_stat_t st;
    if (zip_stat_index(archive, at, 0, &st) != 0 || st.encryption_method != ZIP_EM_NONE) {
      refuse(file, fmt::format("entry \"{}\" is encrypted or unreadable", name));
    }
    switch (entry.kind) {
      case BackupEntryKind::kManifest: manifest_at = at; break;
      case BackupEntryKind::kDatabase: db_at = at; break;
      case BackupEntryKind::kBlob: index.blobs.emplace_back(at, entry.id); break;
      case BackupEntryKind::kSecret: index.secrets.emplace_back(at, entry.id); break;
      case BackupEntryKind::kInvalid: break;
    }
  }
  if (!manifest_at) refuse(file, "no backup.json manifest (not a cove backup)");
  if (!db_at) refuse(file, "no cove.db in the archive");
  nlohmann::json manifest_json;
  try {
    manifest_json = nlohmann::json::parse(read_manifest(archive, *manifest_at, file));
  } catch (const nlohmann::json::parse_error&) {
    refuse(file, "backup.json is not valid JSON");
  }
  try {
    index.manifest = BackupManifest::from_json(manifest_json);
  } catch (const std::runtime_error& e) {
    refuse(file, e.what());
  }
  if (index.manifest.blob_count != index.blobs.size() ||
      index.manifest.secret_count != index.secrets.size()) {
    refuse(file, fmt::format("the manifest lists {} blobs and {} secrets, the archive holds {} and {}",
                             index.manifest.blob_count, index.manifest.secret_count, index.blobs.size(),
                             index.secrets.size()));
  }
  index.db = *db_at;
  return index;
}

// Streams one entry into a new file and returns the SHA-256 of what was written.
std::string extract(zip_t* archive, zip_uint64_t index, const fs::path& dest, std::uint64_t& size) {
  const ZipFile f = open_entry(archive, index);
  const int fd = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error(fmt::format("cannot create {}: {}", dest.string(), std::strerror(errno)));
  }
  core::crypto::Sha256 hash;
  std::vector<char> buffer(256 * 1024);
  size = 0;
  for (;;) {
    // libzip checks the entry's CRC when the last byte is read and reports a mismatch here.
    const zip_int64_t n = zip_fread(f.get(), buffer.data(), buffer.size());
    if (n < 0) {
      ::close(fd);
      throw std::runtime_error(
          fmt::format("cannot extract {}: {}", dest.filename().string(), zip_file_strerror(f.get())));
    }
    if (n == 0) break;
    hash.update(buffer.data(), static_cast<std::size_t>(n));
    for (zip_int64_t off = 0; off < n;) {
      const ssize_t w = ::write(fd, buffer.data() + off, static_cast<std::size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        const int err = errno;
        ::close(fd);
        throw std::runtime_error(fmt::format("cannot write {}: {}", dest.string(), std::strerror(err)));
      }
      off += w;
    }
    size += static_cast<std::uint64_t>(n);
  }
  if (::close(fd) != 0) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", dest.string(), std::strerror(errno)));
  }
  return hash.finish_hex();
}

// The sibling directory the archive is extracted into; removed unless it was swapped in.
class StagedDir {
 public:
  explicit StagedDir(const fs::path& target) {
    std::string tmpl =
        (target.parent_path() / fmt::format(".{}.restore-XXXXXX", target.filename().string())).string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error(
          fmt::format("cannot create a temp directory beside {}: {}", target.string(), std::strerror(errno)));
    }
    path_ = tmpl;
  }
  ~StagedDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  StagedDir(const StagedDir&) = delete;
  StagedDir& operator=(const StagedDir&) = delete;
  const fs::path& path() const { return path_; }
  void committed() { path_.clear(); }

 private:
  fs::path path_;
};

void extract_all(zip_t* archive, const ArchiveIndex& index, const fs::path& dir, const fs::path& file) {
  std::uint64_t size = 0;
  const std::string db_hash = extract(archive, index.db, dir / kBackupDbEntry, size);
  if (db_hash != index.manifest.db_sha256 || size != index.manifest.db_size) {
    refuse(file, "cove.db does not match the manifest's checksum (corrupt or tampered archive)");
  }
  fs::create_directory(dir / "secrets");
  for (const auto& [at, name] : index.secrets) extract(archive, at, dir / "secrets" / name, size);
  for (const auto& [at, sha256] : index.blobs) {
    const fs::path dest = dir / blob_entry_name(sha256);
    fs::create_directories(dest.parent_path());
    if (extract(archive, at, dest, size) != sha256) {
      refuse(file, fmt::format("blob {} does not match its hash (corrupt or tampered archive)", sha256));
    }
  }
  SQLite::Database db((dir / kBackupDbEntry).string(), SQLite::OPEN_READONLY);
  const std::string check = db.execAndGet("PRAGMA quick_check").getString();
  if (check != "ok") refuse(file, fmt::format("cove.db fails SQLite's integrity check: {}", check));
}

// fsync of a directory, or syncfs of its whole file system (one call instead of one per file).
void sync_dir(const fs::path& dir, bool whole_file_system) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool ok = fd >= 0 && (whole_file_system ? ::syncfs(fd) : ::fsync(fd)) == 0;
  const int err = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) throw std::runtime_error(fmt::format("cannot sync {}: {}", dir.string(), std::strerror(err)));
}

fs::path normalized_dir(const fs::path& p) {
  fs::path out = fs::absolute(p).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();  // "data/" → "data"
  return out;
}

bool has_contents(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() != "cove.lock") return true;
  }
  return false;
}

std::string compact_utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// Puts `staged` at `target`. An existing target is exchanged atomically and the old contents
// are kept at `aside` (or removed when there were none).
void swap_in(StagedDir& staged, const fs::path& target, bool target_exists,
             const std::optional<fs::path>& aside) {
  if (!target_exists) {
    fs::rename(staged.path(), target);
    staged.committed();
    return;
  }
  if (::renameat2(AT_FDCWD, staged.path().c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    // staged.path() now holds the old contents.
    if (aside) {
      fs::rename(staged.path(), *aside);
      staged.committed();
    }
    return;
  }
  if (errno != EINVAL && errno != ENOSYS) {
    throw std::runtime_error(fmt::format("cannot swap in {}: {}", target.string(), std::strerror(errno)));
  }
  // File systems without RENAME_EXCHANGE: two renames, with a moment where target is absent.
  const fs::path old = aside.value_or(fs::path(staged.path().string() + ".old"));
  fs::rename(target, old);
  fs::rename(staged.path(), target);
  staged.committed();
  if (!aside) fs::remove_all(old);
}

int run_restore(const Args& args) {
  const core::Config config = load_command_config(args);
  configure_logging(config);
  const fs::path file = args.positional.front();
  const fs::path target = normalized_dir(config.data_dir);
  const bool force = args.has("force");
  ::umask(077);  // everything restored is as private as a data directory

  const bool target_exists = fs::exists(target);
  DataDirLock target_lock;
  bool replacing = false;
  if (target_exists) {
    if (!fs::is_directory(target)) refuse(file, fmt::format("{} is not a directory", target.string()));
    try {
      target_lock = DataDirLock::acquire(target);
    } catch (const DataDirBusy&) {
      throw DataDirBusy(fmt::format(
          "data directory {} is in use by a running cove server; stop it before restoring", target.string()));
    }
    replacing = has_contents(target);
    if (replacing && !force) {
      refuse(file,
             fmt::format("data directory {} is not empty; pass --force to replace it", target.string()));
    }
    if (replacing && !fs::exists(DataPaths{target}.db())) {
      refuse(file, fmt::format("{} does not look like a cove data directory (no cove.db); not replacing it",
                               target.string()));
    }
  } else {
    fs::create_directories(target.parent_path());
  }
  const ZipArchive archive = open_archive(file);
  const ArchiveIndex index = index_archive(archive.get(), file);

  StagedDir staged(target);
  extract_all(archive.get(), index, staged.path(), file);
  // Locked before it becomes the data directory, so no server can start on a half-swapped one.
  const DataDirLock staged_lock = DataDirLock::acquire(staged.path());
  // Everything extracted reaches the disk before the swap; the swap's renames right after it.
  sync_dir(staged.path(), true);
  std::optional<fs::path> aside;
  if (replacing) aside = fs::path(target.string() + ".before-restore-" + compact_utc_now());
  swap_in(staged, target, target_exists, aside);
  sync_dir(target.parent_path(), false);

  std::cout << fmt::format(
      "restored {} into {}: database {}, blobs {}, secrets {} (backup taken {} by cove {})\n", file.string(),
      target.string(), human_bytes(index.manifest.db_size), index.blobs.size(), index.secrets.size(),
      index.manifest.created_at, index.manifest.cove_version);
  if (aside) {
    std::cout << "the previous contents were moved to " << aside->string() << " (delete it when done)\n";
  }
  return kExitOk;
}

}  // namespace

Command restore_command() {
  Command c;
  c.name = "restore";
  c.arguments = "FILE";
  c.summary = "Restore a backup archive into a data directory";
  c.description =
      "Restores an archive written by `cove backup` into the data directory. The whole archive\n"
      "is checked first (manifest, entry names, every blob against its hash, the database's\n"
      "checksum and integrity); it is extracted beside the data directory and swapped in only\n"
      "when complete, so a bad archive leaves the data directory untouched.\n"
      "\n"
      "Refused while a server is using the data directory, and for a non-empty data directory\n"
      "unless --force is given; with --force the previous contents are moved aside to\n"
      "<data>.before-restore-<time> rather than deleted. Secrets are restored with mode 0600.";
  c.flags = data_flags();
  c.flags.push_back({"force", "", "Replace a non-empty data directory (its contents are kept aside)"});
  c.min_args = 1;
  c.max_args = 1;
  c.run = run_restore;
  return c;
}

}  // namespace cove::app
