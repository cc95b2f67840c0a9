#include "modules/review/precheck_scan.hpp"

#include <algorithm>

#include <re2/re2.h>

namespace cove::review {

namespace {

constexpr std::size_t kExcerptSide = 60;

// The length of the UTF-8 sequence starting with `c`, 0 when `c` cannot start one.
std::size_t sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return c >= 0xC2 ? 2 : 0;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return c <= 0xF4 ? 4 : 0;
  return 0;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto n = sequence_length(c);
    bool good = n > 0 && i + n <= s.size();
    for (std::size_t k = 1; good && k < n; ++k) good = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (good && n == 1 && (c < 0x20 && c != '\t')) good = false;  // control characters
    if (good) out.append(s.substr(i, n));
    i += good ? n : 1;
  }
  return out;
}

ChunkScanner::ChunkScanner(const std::vector<std::string>& patterns, bool ignore_case) {
  RE2::Options options;
  options.set_case_sensitive(!ignore_case);
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  for (const auto& p : patterns) {
    auto re = std::make_unique<re2::RE2>(p, options);
    if (!re->ok()) ok_ = false;
    res_.push_back(std::move(re));
  }
}

ChunkScanner::~ChunkScanner() = default;

void ChunkScanner::reset() {
  buffer_.clear();
  lines_before_ = 0;
  reported_ = 0;
}

void ChunkScanner::feed(std::string_view chunk, bool last, const std::function<void(const ScanHit&)>& on_hit) {
  buffer_.append(chunk);
  // A match is reported once its excerpt is complete: it ends before the last newline seen, or
  // kExcerptSide bytes before the end of the data so far; later ones wait for the next chunk.
  std::size_t settled = buffer_.size();
  if (!last) {
    settled = buffer_.size() > kExcerptSide ? buffer_.size() - kExcerptSide : 0;
    if (const auto nl = buffer_.rfind('\n'); nl != std::string::npos) settled = std::max(settled, nl);
  }
  const re2::StringPiece text(buffer_);
  for (std::size_t p = 0; p < res_.size(); ++p) {
    const auto& re = *res_[p];
    if (!re.ok()) continue;
    const int groups = std::min(re.NumberOfCapturingGroups(), 1) + 1;
    re2::StringPiece found[2];
    std::size_t pos = 0;
    // Matches come in order: count newlines from the previous match on, not from the start.
    std::size_t counted_to = 0;
    std::int64_t lines = lines_before_ + 1;
    while (pos <= buffer_.size() && re.Match(text, pos, buffer_.size(), RE2::UNANCHORED, found, groups)) {
      const auto start = static_cast<std::size_t>(found[0].data() - buffer_.data());
      const auto end = start + found[0].size();
      pos = found[0].empty() ? end + 1 : end;
      if (end <= reported_) continue;  // reported with an earlier chunk
      if (end > settled) break;        // waits for the next chunk (matches come in order)
      ScanHit hit;
      hit.pattern = p;
      const auto& m = groups > 1 && found[1].data() ? found[1] : found[0];
      hit.match = valid_utf8(std::string_view(m.data(), m.size()));
      lines += std::count(buffer_.begin() + static_cast<std::ptrdiff_t>(counted_to),
                          buffer_.begin() + static_cast<std::ptrdiff_t>(start), '\n');
      counted_to = start;
      hit.line = lines;
      auto from = start > kExcerptSide ? start - kExcerptSide : 0;
      auto to = std::min(buffer_.size(), end + kExcerptSide);
      if (const auto nl = buffer_.rfind('\n', start); nl != std::string::npos && nl >= from) from = nl + 1;
      if (const auto nl = buffer_.find('\n', end); nl != std::string::npos && nl < to) to = nl;
      hit.excerpt = trim(valid_utf8(std::string_view(buffer_).substr(from, to - from)));
      on_hit(hit);
    }
  }
  if (last) {
    reset();
    return;
  }
  reported_ = settled;
  // Keep the tail for the next chunk; count the newlines of what is dropped.
  if (buffer_.size() > kCarry) {
    const auto drop = buffer_.size() - kCarry;
    lines_before_ += std::count(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(drop), '\n');
    buffer_.erase(0, drop);
    reported_ -= std::min(drop, reported_);
  }
}

}  // namespace cove::review
