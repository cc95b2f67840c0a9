#pragma once
// Reading an uploaded UID list (导入用户): one user id a line. Plain text takes the whole line;
// CSV takes the first field of each row (RFC 4180 quoting) and skips a first row whose first
// field is the header `uid` or `userId`. Lines are trimmed; blank lines and lines starting with
// `#` are skipped. An id is 1–128 bytes of UTF-8 without control characters.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace cove::gray {

inline constexpr std::size_t kMaxUidBytes = 128;
inline constexpr std::size_t kMaxUidListSize = 1'000'000;
// One million ids of the longest kind plus line ends and CSV columns: the upload ceiling.
inline constexpr std::uint64_t kMaxUidUploadBytes = 256ull * 1024 * 1024;

enum class UidFormat { kText, kCsv };

// Calls `on_id` for every id of the file in order (duplicates included) and returns how many
// there were. Throws core::Error 400 `uid_lists.bad_line` naming the line and the reason, or 400
// `uid_lists.too_large` past `max_ids` ids.
std::size_t read_uid_file(const std::string& path, UidFormat format, std::size_t max_ids,
                          const std::function<void(std::string_view)>& on_id);

// The same, over text already in memory (tests, the fuzz target).
std::size_t read_uid_text(std::string_view text, UidFormat format, std::size_t max_ids,
                          const std::function<void(std::string_view)>& on_id);

}  // namespace cove::gray
