#pragma once
// Pattern search over a file that arrives in chunks, with line numbers and excerpts, in bounded
// memory: each chunk is searched together with the last kCarry bytes of the data before it, so a
// match that straddles two chunks is found once, and a match near the end of the data seen so far
// waits for the next chunk (it may grow, and its excerpt is not complete yet). Patterns must match
// at most kCarry - 100 bytes.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace cove::review {

inline constexpr std::size_t kCarry = 512;

struct ScanHit {
  std::size_t pattern = 0;  // index into the scanner's patterns
  std::string match;        // the first capture group, or the whole match when there is none
  std::int64_t line = 0;    // 1-based
  std::string excerpt;      // the line around the match, at most ~160 bytes, valid UTF-8
};

class ChunkScanner {
 public:
  // `patterns`: RE2 patterns; case-insensitive when `ignore_case`.
  ChunkScanner(const std::vector<std::string>& patterns, bool ignore_case);
  ~ChunkScanner();
  ChunkScanner(const ChunkScanner&) = delete;
  ChunkScanner& operator=(const ChunkScanner&) = delete;

  bool ok() const { return ok_; }
  // Starts a new file.
  void reset();
  // Feeds the next chunk; `last` when no more data follows. Calls `on_hit` per match.
  void feed(std::string_view chunk, bool last, const std::function<void(const ScanHit&)>& on_hit);

 private:
  std::vector<std::unique_ptr<re2::RE2>> res_;
  bool ok_ = true;
  std::string buffer_;          // the carry, then the chunk
  std::int64_t lines_before_ = 0;  // newlines before buffer_[0]
  std::size_t reported_ = 0;       // matches ending at or before this offset were reported
};

// `s` with invalid UTF-8 sequences dropped (excerpts are cut at byte positions; JSON needs UTF-8).
std::string valid_utf8(std::string_view s);

}  // namespace cove::review
