#include "modules/notify/markdown_render.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>
#include <vector>

namespace cove::notify {

namespace {

// The GFM extensions register once per process; the registry is read-only afterwards.
void ensure_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// No tagfilter: it only matters when raw HTML is let through, and here none is.
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

// CMARK_OPT_SAFE is the library's default (raw HTML and unsafe URLs replaced); named anyway, so
// a reader does not have to know that. VALIDATE_UTF8 replaces invalid sequences with U+FFFD.
constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

std::string take(char* rendered) {
  std::string out = rendered ? rendered : "";
  cmark_get_default_mem_allocator()->free(rendered);
  return out;
}

// Removes raw HTML and unsafe URLs. Nodes are unlinked after the walk: unlinking under the
// iterator would lose its place.
void sanitise(cmark_node* doc) {
  std::vector<cmark_node*> drop;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(doc));
  for (auto ev = cmark_iter_next(it.get()); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(it.get())) {
    if (ev != CMARK_EVENT_ENTER) continue;
    auto* node = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE: drop.push_back(node); break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        const char* url = cmark_node_get_url(node);
        if (url && !safe_link_url(url)) cmark_node_set_url(node, "");
        break;
      }
      default: break;
    }
  }
  it.reset();
  for (auto* node : drop) {
    cmark_node_unlink(node);
    cmark_node_free(node);
  }
}

// cmark's plain-text renderer can emit a lone byte for a noncharacter such as U+FFFF (found by
// fuzz_markdown); readers get text, so every invalid sequence becomes U+FFFD.
std::string valid_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 && c >= 0xc2 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e && c <= 0xf4 ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
    if (ok && n == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);  // overlong, surrogates
    }
    if (ok && n == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);  // overlong, beyond U+10FFFF
    }
    if (ok) {
      out.append(s, i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto x = static_cast<unsigned char>(a[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (x != static_cast<unsigned char>(b[i])) return false;
  }
  return true;
}

}  // namespace

bool safe_link_url(std::string_view url) {
  // Browsers strip tabs and line breaks inside URLs ("java\tscript:"), and leading controls and
  // spaces: any of them makes the URL suspect.
  for (const unsigned char c : url) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  const auto end_of_scheme = url.find_first_of(":/?#");
  if (end_of_scheme == std::string_view::npos || url[end_of_scheme] != ':') return true;  // relative
  const auto scheme = url.substr(0, end_of_scheme);
  return ascii_iequal(scheme, "http") || ascii_iequal(scheme, "https") || ascii_iequal(scheme, "mailto");
}

RenderedMarkdown render_markdown(std::string_view markdown) {
  ensure_extensions();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  sanitise(doc.get());
  RenderedMarkdown out;
  out.html = valid_utf8(take(cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()))));
  out.text = valid_utf8(take(cmark_render_plaintext(doc.get(), kOptions, 0)));
  while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) out.text.pop_back();
  return out;
}

}  // namespace cove::notify
