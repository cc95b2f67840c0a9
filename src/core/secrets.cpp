#include "core/secrets.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace cove::core {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxSecret = 64 * 1024;

[[noreturn]] void throw_errno(const std::string& what, const fs::path& path) {
  throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// [a-z0-9._-]+, not starting with '.', so a name is never "..", a hidden temp file or a path.
void check_name(const std::string& name) {
  const bool ok =
      !name.empty() && name.size() <= kMaxName && name[0] != '.' &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (!ok) throw std::invalid_argument("invalid secret name \"" + name + "\"");
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::optional<std::string> read_secret(const fs::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw_errno("open", path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno("stat", path);
  if (!S_ISREG(st.st_mode)) throw std::runtime_error(path.string() + " is not a regular file");
  if ((st.st_mode & 077) != 0) {
    log::warn("secret file was readable by others; restricting it to its owner", {{"path", path.string()}});
    if (::fchmod(fd.get(), 0600) != 0) throw_errno("chmod", path);
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxSecret) {
    throw std::runtime_error(path.string() + " is too large to be a secret");
  }
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t off = 0;
  while (off < out.size()) {
    const ssize_t n = ::read(fd.get(), out.data() + off, out.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("read", path);
    if (n == 0) break;
    off += static_cast<std::size_t>(n);
  }
  out.resize(off);
  return out;
}

void write_new_file(const fs::path& path, std::string_view data) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) throw_errno("create", path);
  std::size_t off = 0;
  while (off < data.size()) {
    const ssize_t n = ::write(fd.get(), data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw_errno("write", path);
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) throw_errno("fsync", path);
}

void fsync_dir(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) throw_errno("fsync", dir);
}

}  // namespace

SecretStore::SecretStore(fs::path dir) : dir_(std::move(dir)) {
  fs::create_directories(dir_);
  struct stat st {};
  if (::stat(dir_.c_str(), &st) != 0) throw_errno("stat", dir_);
  if ((st.st_mode & 07777) != 0700 && ::chmod(dir_.c_str(), 0700) != 0) throw_errno("chmod", dir_);
}

std::string SecretStore::get_or_create(const std::string& name,
                                       const std::function<std::string()>& generate) {
  check_name(name);
  const auto path = dir_ / name;
  if (auto existing = read_secret(path)) return *existing;

  const std::string value = generate();
  if (value.empty() || value.size() > kMaxSecret) {
    throw std::invalid_argument("generated secret \"" + name + "\" has an invalid size");
  }
  const auto temp = dir_ / fmt::format(".{}.tmp-{}", name, crypto::hex(crypto::random_bytes(6)));
  try {
    write_new_file(temp, value);
    // link() does not replace an existing name: when two processes race, the first secret wins
    // and both return it, so a key is never swapped under a running instance.
    if (::link(temp.c_str(), path.c_str()) != 0) {
      if (errno != EEXIST) throw_errno("link", path);
      fs::remove(temp);
      return read_secret(path).value();
    }
    fs::remove(temp);
    fsync_dir(dir_);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
  return value;
}

std::string SecretStore::random_key(const std::string& name) {
  return get_or_create(name, [] { return crypto::random_bytes(32); });
}

bool SecretStore::exists(const std::string& name) const {
  check_name(name);
  std::error_code ec;
  return fs::is_regular_file(dir_ / name, ec);
}

}  // namespace cove::core
