#include "core/blob_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace cove::core {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

void fsync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) throw_errno("open", path);
  if (::fsync(fd) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    throw_errno("fsync", path);
  }
  ::close(fd);
}

void write_file_synced(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("create", path);
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int saved = errno;
      ::close(fd);
      errno = saved;
      throw_errno("write", path);
    }
    off += static_cast<std::size_t>(n);
  }
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) throw_errno("fsync", path);
}

// Creates dir (and its parent) if needed; fsyncs each parent that gained an entry, so the new
// directory survives a crash along with the blob renamed into it.
void ensure_dir_synced(const fs::path& dir) {
  if (fs::is_directory(dir)) return;
  ensure_dir_synced(dir.parent_path());
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) throw_errno("mkdir", dir);
  fsync_path(dir.parent_path(), true);
}

std::optional<struct stat> stat_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return st;
}

// Keeps an existing blob young for the GC grace period when new content deduplicates onto it,
// so it cannot be collected between the upload and the row that will reference it.
void touch(const fs::path& path) { ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); }

// Calls fn(path, st) for every regular file under `dir` at depth `depth`.
template <class F>
void walk(const fs::path& dir, int depth, F&& fn) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (depth > 0) {
      walk(it->path(), depth - 1, fn);
    } else if (auto st = stat_of(it->path()); st && S_ISREG(st->st_mode)) {
      fn(it->path(), *st);
    }
  }
}

}  // namespace

BlobStore::BlobStore(fs::path root) : root_(std::move(root)) {
  fs::create_directories(root_ / "sha256");
  fs::create_directories(root_ / "tmp");
}

bool BlobStore::valid_hash(std::string_view sha256) {
  return sha256.size() == 64 && std::all_of(sha256.begin(), sha256.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::optional<fs::path> BlobStore::path_of(std::string_view sha256) const {
  if (!valid_hash(sha256)) return std::nullopt;
  return root_ / "sha256" / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

fs::path BlobStore::temp_path() const {
  return root_ / "tmp" / (crypto::hex(crypto::random_bytes(16)) + ".tmp");
}

BlobInfo BlobStore::put(std::string_view bytes) {
  BlobInfo info{crypto::sha256_hex(bytes), bytes.size()};
  const auto dest = *path_of(info.sha256);
  if (fs::exists(dest)) {
    touch(dest);
    return info;
  }
  const auto temp = temp_path();
  try {
    write_file_synced(temp, bytes);
    ensure_dir_synced(dest.parent_path());
    fs::rename(temp, dest);
    fsync_path(dest.parent_path(), true);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
  return info;
}

BlobInfo BlobStore::adopt(const fs::path& temp_file, const std::string& sha256) {
  const auto dest = path_of(sha256);
  if (!dest) throw std::invalid_argument("adopt: not a lowercase SHA-256 hex digest");
  const auto st = stat_of(temp_file);
  if (!st || !S_ISREG(st->st_mode)) throw std::invalid_argument("adopt: not a regular file");
  // rename(2) is atomic only within one file system; elsewhere it would fail with EXDEV.
  const auto tmp_dir = stat_of(root_ / "tmp");
  if (!tmp_dir || tmp_dir->st_dev != st->st_dev) {
    throw std::invalid_argument("adopt: " + temp_file.string() +
                                " is not on the blob store's file system; use temp_path()");
  }
  BlobInfo info{sha256, static_cast<std::uint64_t>(st->st_size)};
  if (fs::exists(*dest)) {
    fs::remove(temp_file);
    touch(*dest);
    return info;
  }
  fsync_path(temp_file, false);
  ensure_dir_synced(dest->parent_path());
  fs::rename(temp_file, *dest);
  fsync_path(dest->parent_path(), true);
  return info;
}

bool BlobStore::exists(std::string_view sha256) const {
  const auto p = path_of(sha256);
  if (!p) return false;
  const auto st = stat_of(*p);
  return st && S_ISREG(st->st_mode);
}

std::optional<std::uint64_t> BlobStore::size(std::string_view sha256) const {
  const auto p = path_of(sha256);
  if (!p) return std::nullopt;
  const auto st = stat_of(*p);
  if (!st || !S_ISREG(st->st_mode)) return std::nullopt;
  return static_cast<std::uint64_t>(st->st_size);
}

std::string BlobStore::read(std::string_view sha256) const {
  const auto p = path_of(sha256);
  if (!p) throw std::invalid_argument("not a lowercase SHA-256 hex digest");
  std::ifstream in(*p, std::ios::binary);
  if (!in) throw std::runtime_error("blob not found: " + std::string(sha256));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::size_t BlobStore::collect_garbage(const std::function<bool(const std::string&)>& is_referenced,
                                       std::chrono::seconds grace) {
  const auto cutoff = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - grace);
  const auto old = [&](const struct stat& st) { return st.st_mtim.tv_sec < cutoff; };
  std::size_t removed = 0;
  walk(root_ / "sha256", 2, [&](const fs::path& p, const struct stat& st) {
    const std::string hash = p.filename().string();
    if (!valid_hash(hash) || !old(st) || is_referenced(hash)) return;
    std::error_code ec;
    if (fs::remove(p, ec)) ++removed;
  });
  // Temp files this old belong to uploads that died (crash, dropped connection).
  std::size_t stale = 0;
  walk(root_ / "tmp", 0, [&](const fs::path& p, const struct stat& st) {
    std::error_code ec;
    if (old(st) && fs::remove(p, ec)) ++stale;
  });
  if (removed > 0 || stale > 0) {
    log::info("blob garbage collected",
              {{"blobs", std::to_string(removed)}, {"temp_files", std::to_string(stale)}});
  }
  return removed;
}

void BlobStore::for_each(const std::function<void(const std::string&, std::uint64_t)>& fn) const {
  walk(root_ / "sha256", 2, [&](const fs::path& p, const struct stat& st) {
    const std::string hash = p.filename().string();
    if (valid_hash(hash)) fn(hash, static_cast<std::uint64_t>(st.st_size));
  });
}

// --- Range ----------------------------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Digits only; saturates instead of overflowing, since a huge position is still meaningful
// ("beyond the end").
bool parse_position(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    out = out > (UINT64_MAX - digit) / 10 ? UINT64_MAX : out * 10 + digit;
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

// RFC 9110 §14: an invalid or multi-range header is ignored (whole body, 200); a valid range that
// starts at or beyond the end is 416.
RangeResult parse_range(std::string_view header, std::uint64_t size, ByteRange& out) {
  const auto eq = header.find('=');
  if (eq == std::string_view::npos || !iequals(trim(header.substr(0, eq)), "bytes")) {
    return RangeResult::kNone;
  }
  const std::string_view spec = trim(header.substr(eq + 1));
  const auto dash = spec.find('-');
  if (spec.find(',') != std::string_view::npos || dash == std::string_view::npos) {
    return RangeResult::kNone;
  }
  const std::string_view first = spec.substr(0, dash);
  const std::string_view last = spec.substr(dash + 1);
  std::uint64_t a = 0, b = 0;
  if (first.empty()) {  // suffix range: the last n bytes
    if (!parse_position(last, b)) return RangeResult::kNone;
    if (b == 0 || size == 0) return RangeResult::kUnsatisfiable;
    out.length = std::min(b, size);
    out.offset = size - out.length;
    return RangeResult::kSatisfiable;
  }
  if (!parse_position(first, a)) return RangeResult::kNone;
  if (last.empty()) {
    b = UINT64_MAX;
  } else if (!parse_position(last, b) || b < a) {
    return RangeResult::kNone;
  }
  if (a >= size) return RangeResult::kUnsatisfiable;
  out.offset = a;
  out.length = std::min(b, size - 1) - a + 1;
  return RangeResult::kSatisfiable;
}

}  // namespace cove::core
