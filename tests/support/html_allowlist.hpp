#pragma once
// A checker for the HTML the Markdown renderer emits (notify/markdown_render.hpp), shared by the
// unit test and the fuzz target: every tag is one cmark-gfm writes for Markdown, every attribute
// one it writes (no event handlers, no style), every href/src a safe link. Text content is not
// inspected: it is escaped, so "<script>" typed as text arrives as "&lt;script&gt;".
#include <array>
#include <string>
#include <string_view>

#include "modules/notify/markdown_render.hpp"

namespace cove::test {

inline bool in_list(std::string_view name, std::initializer_list<std::string_view> list) {
  for (const auto n : list) {
    if (n == name) return true;
  }
  return false;
}

inline std::string unescape_attribute(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '&') {
      out += v[i];
      continue;
    }
    const auto semi = v.find(';', i);
    if (semi == std::string_view::npos) return "\x01";  // a bare & never comes out of the renderer
    const auto entity = v.substr(i, semi - i + 1);
    if (entity == "&amp;") out += '&';
    else if (entity == "&quot;") out += '"';
    else if (entity == "&lt;") out += '<';
    else if (entity == "&gt;") out += '>';
    else if (entity == "&#x27;" || entity == "&#39;") out += '\'';
    else return "\x01";  // anything else would be decoded by a browser: treat as unsafe
    i = semi;
  }
  return out;
}

// Empty when the HTML is within the allowlist, else what broke it.
inline std::string html_violation(std::string_view html) {
  for (std::size_t pos = html.find('<'); pos != std::string_view::npos; pos = html.find('<', pos + 1)) {
    const auto end = html.find('>', pos);
    if (end == std::string_view::npos) return "unterminated tag";
    auto tag = html.substr(pos + 1, end - pos - 1);
    if (tag.starts_with("!--")) return "comment";
    if (tag.starts_with('/')) tag.remove_prefix(1);
    std::size_t n = 0;
    while (n < tag.size() && ((tag[n] >= 'a' && tag[n] <= 'z') || (tag[n] >= '0' && tag[n] <= '9'))) ++n;
    const auto name = tag.substr(0, n);
    if (!in_list(name, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "code", "pre",
                        "blockquote", "ul", "ol", "li", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
                        "del", "input"}))
      return "tag <" + std::string(name) + ">";
    auto rest = tag.substr(n);
    while (true) {
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '/')) rest.remove_prefix(1);
      if (rest.empty()) break;
      const auto eq = rest.find_first_of("= ");
      const auto attr = rest.substr(0, eq);
      if (!in_list(attr, {"href", "src", "alt", "title", "align", "type", "checked", "disabled", "class", "start",
                          "lang"}))
        return "attribute " + std::string(attr);
      if (eq == std::string_view::npos) break;
      if (rest[eq] == ' ') {
        rest.remove_prefix(eq);
        continue;
      }
      if (eq + 1 >= rest.size() || rest[eq + 1] != '"') return "unquoted attribute " + std::string(attr);
      const auto close = rest.find('"', eq + 2);
      if (close == std::string_view::npos) return "unterminated attribute";
      const auto value = unescape_attribute(rest.substr(eq + 2, close - eq - 2));
      if ((attr == "href" || attr == "src") && !notify::safe_link_url(value)) return "unsafe url " + value;
      rest.remove_prefix(close + 1);
    }
  }
  return {};
}

}  // namespace cove::test
