#pragma once
// Validation of uploaded code packages (zip) with libzip: a readable central directory, safe
// entry names as zip_names.hpp checks them on the raw directory bytes (no absolute paths, "..",
// backslashes, drive letters, control characters, invalid UTF-8, symlinks, devices, or names that
// collide after case folding), and bounded entry count and uncompressed size. Every entry is decompressed and
// counted for real — declared sizes are not trusted — so a zip bomb stops at the limit. Each
// entry's SHA-256 is recorded for version comparison, and app.json is returned when present.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cove::core {

struct ZipLimits {
  std::uint64_t max_entries = 10000;
  std::uint64_t max_total_uncompressed = 512ULL * 1024 * 1024;
  std::uint64_t max_ratio = 200;  // uncompressed / compressed, over the whole archive
  std::size_t max_name_bytes = 512;
  std::size_t max_manifest_bytes = 1024 * 1024;
};

struct ZipEntry {
  std::string name;
  std::uint64_t size = 0;  // uncompressed bytes, as counted
  std::string sha256;      // lowercase hex of the content; empty for directories
  bool directory = false;
};

struct ZipInspection {
  std::vector<ZipEntry> entries;  // in archive order
  std::uint64_t total_uncompressed = 0;
  std::optional<std::string> manifest;  // app.json at the root, raw
};

// Throws core::Error 400 with codes packages.not_a_zip, packages.corrupt, packages.unsafe_path,
// packages.invalid_name_encoding, packages.control_character, packages.special_file,
// packages.name_collision, packages.too_many_entries, packages.too_large, packages.zip_bomb;
// details name the entry.
ZipInspection inspect_zip(const std::filesystem::path& file, const ZipLimits& limits = {});

// True when a zip entry name is safe to extract anywhere (exposed for tests).
bool safe_entry_name(std::string_view name);

}  // namespace cove::core
