#pragma once
// Markdown of announcements and articles (issue 16), rendered by cmark-gfm (CommonMark plus the
// GitHub tables, strikethrough, autolinks and task lists) into HTML that is safe to put into a
// page as it is: raw HTML blocks and inline HTML are removed from the document before rendering
// (not escaped: they would only be noise), and a link or image whose URL is not http, https,
// mailto or relative loses its URL (javascript:, vbscript:, data:, file: and any scheme a browser
// might run). The check sees URLs after entity decoding, so `&#106;avascript:` is caught too.
#include <string>
#include <string_view>

namespace cove::notify {

// The longest Markdown any editor accepts (an article body), in Unicode code points.
inline constexpr std::size_t kMaxMarkdownChars = 100000;

struct RenderedMarkdown {
  std::string html;  // sanitised HTML fragment
  std::string text;  // plain text (search snippets, e-mail, SDK list views)
};

// Thread-safe; the input should be bounded by the caller (kMaxMarkdownBytes for articles).
// Invalid UTF-8 is replaced, never passed through.
RenderedMarkdown render_markdown(std::string_view markdown);

// Whether a link target may stay in rendered HTML: no control characters, and either no scheme
// (relative, fragment) or one of http, https, mailto.
bool safe_link_url(std::string_view url);

}  // namespace cove::notify
