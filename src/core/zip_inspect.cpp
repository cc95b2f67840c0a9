#include "core/zip_inspect.hpp"

#include <zip.h>

#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace cove::core {

namespace {

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;
using ZipFilePtr = std::unique_ptr<zip_file_t, decltype(&zip_fclose)>;

constexpr std::uint8_t kUnixHost = 3;
constexpr std::uint32_t kSymlinkMode = 0120000;
constexpr std::uint32_t kFileTypeMask = 0170000;

Error package_error(const char* code, std::string message, const std::string& entry = {}) {
  nlohmann::json details = nlohmann::json::object();
  if (!entry.empty()) details["entry"] = entry.substr(0, 200);
  return Error(400, code, std::move(message), std::move(details));
}

bool is_symlink(zip_t* za, zip_uint64_t index) {
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(za, index, 0, &opsys, &attributes) != 0) return false;
  return opsys == kUnixHost && ((attributes >> 16) & kFileTypeMask) == kSymlinkMode;
}

}  // namespace

bool safe_entry_name(std::string_view name) {
  if (name.empty() || name.size() > 4096) return false;
  if (name.front() == '/' || name.find('\\') != std::string_view::npos) return false;
  if (name.size() >= 2 && name[1] == ':') return false;  // C:foo
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  std::string_view rest = name;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto seg = rest.substr(0, slash);
    if (seg == ".." || seg == ".") return false;
    if (seg.empty() && slash != std::string_view::npos) return false;  // "a//b"
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return true;
}

ZipInspection inspect_zip(const std::filesystem::path& file, const ZipLimits& limits) {
  int err = 0;
  ZipPtr za(zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err), zip_discard);
  if (!za) {
    if (err == ZIP_ER_NOZIP) throw package_error("packages.not_a_zip", "The package is not a zip archive");
    throw package_error("packages.corrupt", "The zip archive is damaged or truncated");
  }
  const zip_int64_t count = zip_get_num_entries(za.get(), 0);
  if (count < 0) throw package_error("packages.corrupt", "The zip archive is damaged");
  if (static_cast<std::uint64_t>(count) > limits.max_entries) {
    throw package_error("packages.too_many_entries",
                        fmt::format("The package has {} entries; the limit is {}", count, limits.max_entries));
  }
  std::error_code ec;
  const auto compressed_total = std::filesystem::file_size(file, ec);

  ZipInspection out;
  out.entries.reserve(static_cast<std::size_t>(count));
  std::set<std::string> seen;
  std::string buffer(64 * 1024, '\0');
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const char* raw_name = zip_get_name(za.get(), index, ZIP_FL_ENC_RAW);
    if (raw_name == nullptr) throw package_error("packages.corrupt", "An entry of the zip archive has no name");
    ZipEntry entry;
    entry.name = raw_name;
    if (entry.name.size() > limits.max_name_bytes || !safe_entry_name(entry.name)) {
      throw package_error("packages.unsafe_path", "The package contains an unsafe file path", entry.name);
    }
    if (is_symlink(za.get(), index)) {
      throw package_error("packages.unsafe_path", "The package contains a symbolic link", entry.name);
    }
    if (!seen.insert(entry.name).second) {
      throw package_error("packages.unsafe_path", "The package contains the same path twice", entry.name);
    }
    entry.directory = entry.name.back() == '/';
    if (!entry.directory) {
      ZipFilePtr zf(zip_fopen_index(za.get(), index, 0), zip_fclose);
      if (!zf) throw package_error("packages.corrupt", "An entry cannot be read (encrypted or damaged)", entry.name);
      crypto::Sha256 hash;
      const bool is_manifest = entry.name == "app.json";
      std::string manifest;
      while (true) {
        const zip_int64_t n = zip_fread(zf.get(), buffer.data(), buffer.size());
        if (n < 0) throw package_error("packages.corrupt", "An entry is damaged (bad data or checksum)", entry.name);
        if (n == 0) break;
        entry.size += static_cast<std::uint64_t>(n);
        out.total_uncompressed += static_cast<std::uint64_t>(n);
        if (out.total_uncompressed > limits.max_total_uncompressed) {
          throw package_error("packages.too_large",
                              fmt::format("The package expands to more than {} bytes", limits.max_total_uncompressed),
                              entry.name);
        }
        if (!ec && compressed_total > 0 && out.total_uncompressed > 1024 * 1024 &&
            out.total_uncompressed / compressed_total > limits.max_ratio) {
          throw package_error("packages.zip_bomb", "The package expands suspiciously far (zip bomb)", entry.name);
        }
        hash.update(buffer.data(), static_cast<std::size_t>(n));
        if (is_manifest && manifest.size() + static_cast<std::size_t>(n) <= limits.max_manifest_bytes) {
          manifest.append(buffer.data(), static_cast<std::size_t>(n));
        }
      }
      entry.sha256 = hash.finish_hex();
      if (is_manifest && entry.size <= limits.max_manifest_bytes) out.manifest = std::move(manifest);
    }
    out.entries.push_back(std::move(entry));
  }
  return out;
}

}  // namespace cove::core
