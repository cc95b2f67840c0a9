#pragma once
// Builds zip files for tests with libzip, including hostile ones (traversal names, symlinks).
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace cove::test {

struct ZipItem {
  std::string name;
  std::string content;
  bool symlink = false;
  bool stored = false;                  // no compression (large random content)
  std::filesystem::path source_file;    // when set, the content is streamed from this file
  std::uint32_t unix_mode = 0;          // when set, the Unix mode in the external attributes
};

inline void write_zip(const std::filesystem::path& path, const std::vector<ZipItem>& items) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (za == nullptr) throw std::runtime_error("zip_open failed");
  // libzip reads sources at close time, so the buffers must outlive the loop.
  std::vector<std::string> keep;
  keep.reserve(items.size());
  for (const auto& item : items) {
    keep.push_back(item.content);
    zip_source_t* src = item.source_file.empty()
                            ? zip_source_buffer(za, keep.back().data(), keep.back().size(), 0)
                            : zip_source_file(za, item.source_file.c_str(), 0, -1);
    if (src == nullptr) {
      zip_discard(za);
      throw std::runtime_error("zip source failed for " + item.name);
    }
    const zip_int64_t idx = zip_file_add(za, item.name.c_str(), src, ZIP_FL_ENC_RAW | ZIP_FL_OVERWRITE);
    if (idx < 0) {
      zip_source_free(src);
      zip_discard(za);
      throw std::runtime_error("zip_file_add failed for " + item.name);
    }
    if (item.stored) zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_STORE, 0);
    if (item.symlink) {
      zip_file_set_external_attributes(za, static_cast<zip_uint64_t>(idx), 0, ZIP_OPSYS_UNIX, (0120777u << 16));
    } else if (item.unix_mode != 0) {
      zip_file_set_external_attributes(za, static_cast<zip_uint64_t>(idx), 0, ZIP_OPSYS_UNIX, item.unix_mode << 16);
    }
  }
  if (zip_close(za) != 0) throw std::runtime_error("zip_close failed");
}

// Replaces every occurrence of `from` in the file's bytes by `to` (same length). libzip cannot
// write a name holding a NUL byte, so a test writes a placeholder name and patches it in both the
// local header and the central directory (the CRC covers the content, not the name).
inline void patch_bytes(const std::filesystem::path& path, const std::string& from, const std::string& to) {
  if (from.size() != to.size()) throw std::invalid_argument("patch_bytes: lengths differ");
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::size_t replaced = 0;
  for (auto at = bytes.find(from); at != std::string::npos; at = bytes.find(from, at + to.size())) {
    bytes.replace(at, from.size(), to);
    ++replaced;
  }
  if (replaced == 0) throw std::runtime_error("patch_bytes: not found");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

}  // namespace cove::test
