#include "core/zip_inspect.hpp"

#include <zip.h>

#include <memory>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/zip_names.hpp"

namespace cove::core {

namespace {

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;
using ZipFilePtr = std::unique_ptr<zip_file_t, decltype(&zip_fclose)>;

Error package_error(const char* code, std::string message, const std::string& entry = {}) {
  nlohmann::json details = nlohmann::json::object();
  if (!entry.empty()) details["entry"] = entry.substr(0, 200);
  return Error(400, code, std::move(message), std::move(details));
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
  // Names come from the raw directory (libzip rewrites a NUL inside a name): see zip_names.hpp.
  const auto raw_names = read_raw_zip_names(file);
  if (raw_names.size() != static_cast<std::size_t>(count)) {
    throw package_error("packages.corrupt", "The zip archive's directory is damaged");
  }
  check_package_names(raw_names, limits.max_name_bytes);
  std::error_code ec;
  const auto compressed_total = std::filesystem::file_size(file, ec);

  ZipInspection out;
  out.entries.reserve(static_cast<std::size_t>(count));
  std::string buffer(64 * 1024, '\0');
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    ZipEntry entry;
    entry.name = raw_names[index].name;
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
