#pragma once
// Builds zip files for tests with libzip, including hostile ones (traversal names, symlinks).
#include <zip.h>

#include <filesystem>
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
    }
  }
  if (zip_close(za) != 0) throw std::runtime_error("zip_close failed");
}

}  // namespace cove::test
