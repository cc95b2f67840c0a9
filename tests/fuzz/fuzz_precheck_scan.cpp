// The review pre-checks' chunked scanner reads package text, which comes from users: any bytes,
// cut into chunks anywhere, must give exactly the hits of the same bytes in one piece (pattern,
// match, line, excerpt), every excerpt valid UTF-8 — never a crash or a lost or doubled match.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "modules/review/precheck_scan.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

using Hit = std::tuple<std::size_t, std::string, std::int64_t, std::string>;

const std::vector<std::string> kPatterns = {R"((?:https|wss)://([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?))",
                                           R"(\b(eval)\s{0,20}\(|\bnew\s{1,20}(Function)\s{0,20}\()",
                                           R"(\b(getLocation|chooseImage)\b)", "lottery"};

std::vector<Hit> scan(std::string_view text, std::size_t step) {
  static cove::review::ChunkScanner scanner(kPatterns, true);  // compiled once; reset per input
  require(scanner.ok());
  scanner.reset();
  std::vector<Hit> hits;
  const auto sink = [&](const cove::review::ScanHit& h) {
    require(cove::review::valid_utf8(h.excerpt) == h.excerpt);
    hits.emplace_back(h.pattern, h.match, h.line, h.excerpt);
  };
  if (text.empty()) scanner.feed(text, true, sink);
  for (std::size_t i = 0; i < text.size(); i += step) scanner.feed(text.substr(i, step), i + step >= text.size(), sink);
  // Hits come per chunk and pattern; compare as a set in order of pattern, then position (line).
  std::sort(hits.begin(), hits.end());
  return hits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t step = 1 + data[0] % 200;  // the chunk size, from the first byte
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  require(scan(text, step) == scan(text, text.size() + 1));
  return 0;
}
