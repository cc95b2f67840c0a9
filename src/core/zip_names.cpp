#include "core/zip_names.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>

#include "core/error.hpp"
#include "core/zip_inspect.hpp"

namespace cove::core {

namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfCentralDirectory = 0x06064b50;
constexpr std::uint32_t kCentralEntry = 0x02014b50;
constexpr std::uint16_t kUnicodePathField = 0x7075;
constexpr std::size_t kEocdSize = 22;
constexpr std::size_t kMaxCommentSize = 0xFFFF;
constexpr std::size_t kCentralEntrySize = 46;
// Far above 10,000 entries with 512-byte names and extra fields; past it the archive is refused
// before its directory is read into memory.
constexpr std::uint64_t kMaxCentralDirectoryBytes = 64ull * 1024 * 1024;

constexpr std::uint32_t kFileTypeMask = 0170000;
constexpr std::uint32_t kRegularFile = 0100000;
constexpr std::uint32_t kDirectory = 0040000;
constexpr std::uint32_t kSymlink = 0120000;

Error package_error(const char* code, std::string message, const std::string& entry = {},
                    nlohmann::json details = nlohmann::json::object()) {
  if (!entry.empty()) details["entry"] = entry.substr(0, 200);
  return Error(400, code, std::move(message), std::move(details));
}

Error corrupt() { return package_error("packages.corrupt", "The zip archive's directory is damaged"); }

std::uint16_t u16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1])
                                                                            << 8);
}
std::uint32_t u32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}
std::uint64_t u64(const std::string& b, std::size_t at) {
  return static_cast<std::uint64_t>(u32(b, at)) | static_cast<std::uint64_t>(u32(b, at + 4)) << 32;
}

std::string read_at(std::ifstream& in, std::uint64_t offset, std::uint64_t size) {
  std::string out(size, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in.read(out.data(), static_cast<std::streamsize>(size))) throw corrupt();
  return out;
}

struct Directory {
  std::uint64_t start = 0;  // where the central directory really is
  std::uint64_t size = 0;
  std::uint64_t entries = 0;
};

// Finds the central directory from the end records. Its start is computed back from where the
// end record was found (not from the stored offset), as libzip does, so archives with data
// prepended (self-extractors) are read at the same place libzip reads them.
Directory locate_directory(std::ifstream& in, std::uint64_t file_size) {
  if (file_size < kEocdSize) throw corrupt();
  const std::uint64_t tail_size = std::min<std::uint64_t>(file_size, kEocdSize + kMaxCommentSize);
  const std::string tail = read_at(in, file_size - tail_size, tail_size);
  for (std::size_t at = tail.size() - kEocdSize + 1; at-- > 0;) {
    if (u32(tail, at) != kEndOfCentralDirectory) continue;
    const std::uint64_t eocd_pos = file_size - tail_size + at;
    Directory d{0, u32(tail, at + 12), u16(tail, at + 10)};
    std::uint64_t end = eocd_pos;
    const bool zip64 = d.entries == 0xFFFF || d.size == 0xFFFFFFFF || u32(tail, at + 16) == 0xFFFFFFFF;
    if (zip64) {
      if (eocd_pos < 20 + 56) throw corrupt();
      const std::string locator = read_at(in, eocd_pos - 20, 20);
      if (u32(locator, 0) != kZip64Locator) throw corrupt();
      const std::string record = read_at(in, eocd_pos - 20 - 56, 56);
      if (u32(record, 0) != kZip64EndOfCentralDirectory) throw corrupt();
      d.entries = u64(record, 32);
      d.size = u64(record, 40);
      end = eocd_pos - 20 - 56;
    }
    if (d.size > end || d.size > kMaxCentralDirectoryBytes) throw corrupt();
    d.start = end - d.size;
    return d;
  }
  throw package_error("packages.not_a_zip", "The package is not a zip archive");
}

void read_unicode_path(const std::string& extra, RawZipName& out) {
  for (std::size_t at = 0; at + 4 <= extra.size();) {
    const auto id = u16(extra, at);
    const auto len = u16(extra, at + 2);
    if (at + 4 + len > extra.size()) throw corrupt();
    if (id == kUnicodePathField && len >= 5) {  // version (1), CRC-32 of the name (4), UTF-8 name
      out.has_unicode_path = true;
      out.unicode_path = extra.substr(at + 4 + 5, len - 5);
    }
    at += 4 + len;
  }
}

// U+061C, U+200E/F, U+202A–U+202E and U+2066–U+2069 reorder how a name is displayed
// ("gpj.exe" shown as "exe.jpg"), so a reviewer's file list would lie.
bool bidi_control(UChar32 c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

void check_characters(const std::string& name) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(name.data());
  const auto length = static_cast<std::int32_t>(name.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      throw package_error("packages.invalid_name_encoding", "A file name in the package is not valid UTF-8",
                          name);
    }
    if (u_charType(c) == U_CONTROL_CHAR || bidi_control(c)) {
      throw package_error("packages.control_character",
                          "A file name in the package contains a control character", name);
    }
  }
}

std::string fold(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold data is unavailable");
  const icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString::fromUTF8(name), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU normalisation failed");
  std::string out;
  folded.toUTF8String(out);
  return out;
}

void check_mode(const RawZipName& entry) {
  const std::uint32_t type = (entry.external_attributes >> 16) & kFileTypeMask;
  if (type == kSymlink) {
    throw package_error("packages.unsafe_path", "The package contains a symbolic link", entry.name);
  }
  if (type != 0 && type != kRegularFile && type != kDirectory) {
    throw package_error("packages.special_file", "The package contains a device, FIFO or socket", entry.name);
  }
}

}  // namespace

std::vector<RawZipName> read_raw_zip_names(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  const auto file_size = std::filesystem::file_size(file, ec);
  if (!in || ec) throw corrupt();
  const Directory d = locate_directory(in, file_size);
  const std::string dir = read_at(in, d.start, d.size);
  std::vector<RawZipName> names;
  names.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(d.entries, 100000)));
  std::size_t at = 0;
  for (std::uint64_t i = 0; i < d.entries; ++i) {
    if (at + kCentralEntrySize > dir.size() || u32(dir, at) != kCentralEntry) throw corrupt();
    const std::size_t name_len = u16(dir, at + 28);
    const std::size_t extra_len = u16(dir, at + 30);
    const std::size_t comment_len = u16(dir, at + 32);
    if (at + kCentralEntrySize + name_len + extra_len + comment_len > dir.size()) throw corrupt();
    RawZipName entry;
    entry.host_system = static_cast<std::uint8_t>(dir[at + 5]);
    entry.external_attributes = u32(dir, at + 38);
    entry.name = dir.substr(at + kCentralEntrySize, name_len);
    read_unicode_path(dir.substr(at + kCentralEntrySize + name_len, extra_len), entry);
    names.push_back(std::move(entry));
    at += kCentralEntrySize + name_len + extra_len + comment_len;
  }
  return names;
}

void check_package_names(const std::vector<RawZipName>& names, std::size_t max_name_bytes) {
  std::unordered_map<std::string, const std::string*> folded_names;
  folded_names.reserve(names.size());
  for (const auto& entry : names) {
    check_characters(entry.name);
    if (entry.name.size() > max_name_bytes || !safe_entry_name(entry.name)) {
      throw package_error("packages.unsafe_path", "The package contains an unsafe file path", entry.name);
    }
    if (entry.has_unicode_path && entry.unicode_path != entry.name) {
      throw package_error("packages.unsafe_path",
                          "An entry carries a second (Unicode Path) name that differs from its name",
                          entry.name);
    }
    check_mode(entry);
    // Full-width "／" or "．．" fold to "/" and ".." — a path some systems would take apart.
    std::string folded = fold(entry.name);
    if (!safe_entry_name(folded)) {
      throw package_error("packages.unsafe_path", "The package contains an unsafe file path", entry.name);
    }
    const auto [it, inserted] = folded_names.emplace(std::move(folded), &entry.name);
    if (!inserted) {
      const bool same = *it->second == entry.name;
      throw package_error("packages.name_collision",
                          same ? "The package contains the same path twice"
                               : "Two file names in the package differ only in case or Unicode form",
                          entry.name, {{"other", it->second->substr(0, 200)}});
    }
  }
}

}  // namespace cove::core
