#pragma once
// The names and file modes of a zip archive exactly as its central directory stores them, and the
// rules a code package's names must meet.
//
// Why not libzip's names: libzip turns a NUL byte inside a name into a space, while extracting
// tools (unzip, Python's zipfile) cut the name at the NUL. A package with "index.js" and
// "index.js\0" passes every check as two different files, and the second overwrites the first on
// extraction — the files a reviewer sees are not the files that run. So the names are read from
// the raw bytes here, and every name must be one that all tools read the same way.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cove::core {

struct RawZipName {
  std::string name;              // the bytes of the central directory's file name
  std::uint8_t host_system = 0;  // "version made by" high byte: 0 MS-DOS, 3 Unix, …
  std::uint32_t external_attributes = 0;
  // The Info-ZIP Unicode Path extra field (0x7075), which unzip and libzip prefer over the name;
  // empty when absent.
  std::string unicode_path;
  bool has_unicode_path = false;
};

// Reads the central directory (zip64 included) of `file`. Throws core::Error 400
// packages.corrupt when the end-of-central-directory record or an entry cannot be parsed.
std::vector<RawZipName> read_raw_zip_names(const std::filesystem::path& file);

// Checks every name of a code package, throwing core::Error 400 with the entry in details:
//   packages.invalid_name_encoding  not valid UTF-8
//   packages.control_character      a control character (NUL included) or a bidirectional
//                                   override that makes a name display as something else
//   packages.unsafe_path            absolute, "..", backslash, drive letter, "a//b", a symbolic
//                                   link, or a Unicode Path field that names another file
//   packages.special_file           a device, FIFO or socket mode
//   packages.name_collision         two names equal after Unicode normalisation and case folding
//                                   (NFKC_Casefold), as on case-insensitive or normalising file
//                                   systems; details.other names the first of the two
void check_package_names(const std::vector<RawZipName>& names, std::size_t max_name_bytes);

}  // namespace cove::core
