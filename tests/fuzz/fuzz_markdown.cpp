// The Markdown renderer (issue 16) reads whatever an operator or an organisation types into an
// announcement or article, and its HTML is shown in the console and in host apps. For any bytes:
// rendering ends (no crash, no hang), the HTML holds only the tags, attributes and link schemes
// of the allowlist (support/html_allowlist.hpp), both outputs are valid UTF-8, and rendering is
// deterministic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "modules/notify/markdown_render.hpp"
#include "support/html_allowlist.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The editors accept at most kMaxMarkdownChars code points; bytes beyond that never arrive.
  if (size > 4 * cove::notify::kMaxMarkdownChars) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto out = cove::notify::render_markdown(input);
  require(cove::test::html_violation(out.html).empty());
  require(valid_utf8(out.html));
  require(valid_utf8(out.text));
  const auto again = cove::notify::render_markdown(input);
  require(again.html == out.html && again.text == out.text);
  return 0;
}
