// The Markdown renderer of announcements and articles against the OWASP XSS filter-evasion
// cheat sheet's vectors: whatever is typed, the HTML holds only the tags and attributes cmark-gfm
// writes for Markdown and only http, https, mailto or relative links (support/html_allowlist.hpp).
#include <catch2/catch.hpp>

#include "modules/notify/markdown_render.hpp"
#include "support/html_allowlist.hpp"

using cove::notify::render_markdown;
using cove::notify::safe_link_url;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// What no rendered vector may contain anywhere a browser would act on it.
void require_inert(const std::string& markdown) {
  const auto out = render_markdown(markdown);
  INFO("markdown: " << markdown << "\nhtml: " << out.html);
  CHECK(cove::test::html_violation(out.html).empty());
  const auto html = lower(out.html);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img src=\"javascript") == std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(html.find("href=\"vbscript") == std::string::npos);
  CHECK(html.find("href=\"data:") == std::string::npos);
  CHECK(html.find("src=\"data:") == std::string::npos);
  CHECK(html.find("<iframe") == std::string::npos);
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("<style") == std::string::npos);
}

}  // namespace

TEST_CASE("Markdown renders the usual constructs", "[notify][markdown]") {
  const auto out = render_markdown(
      "# 标题\n\nSome **bold**, *em*, ~~gone~~ and `code`.\n\n- [x] done\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
      "[site](https://example.com/a?b=1&c=2) <https://auto.example.com> mailto link [m](mailto:a@example.com)\n\n"
      "![pic](https://img.example.com/p.png \"t\")\n");
  CHECK(out.html.find("<h1>标题</h1>") != std::string::npos);
  CHECK(out.html.find("<strong>bold</strong>") != std::string::npos);
  CHECK(out.html.find("<del>gone</del>") != std::string::npos);
  CHECK(out.html.find("<table>") != std::string::npos);
  CHECK(out.html.find("checked") != std::string::npos);
  CHECK(out.html.find("href=\"https://example.com/a?b=1&amp;c=2\"") != std::string::npos);
  CHECK(out.html.find("href=\"https://auto.example.com\"") != std::string::npos);
  CHECK(out.html.find("href=\"mailto:a@example.com\"") != std::string::npos);
  CHECK(out.html.find("src=\"https://img.example.com/p.png\"") != std::string::npos);
  CHECK(cove::test::html_violation(out.html).empty());
  CHECK(out.text.find("标题") != std::string::npos);
  CHECK(out.text.find("bold") != std::string::npos);
  CHECK(out.text.find("**") == std::string::npos);
}

TEST_CASE("Markdown drops raw HTML and script tags", "[notify][markdown]") {
  for (const char* v : {
           "<script>alert('XSS')</script>",
           "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
           "text <script>alert(1)</script> more",
           "<IMG SRC=\"javascript:alert('XSS');\">",
           "<IMG SRC=javascript:alert('XSS')>",
           "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
           "<img src=x onerror=alert(1)>",
           "a <img src=x onerror=\"alert(1)\"> b",
           "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
           "<IMG SRC=# onmouseover=\"alert('xxs')\">",
           "<svg/onload=alert('XSS')>",
           "<BODY ONLOAD=alert('XSS')>",
           "<iframe src=\"javascript:alert(1)\"></iframe>",
           "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
           "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
           "<a href=\"javascript:alert(1)\">click</a>",
           "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
           "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
           "<details open ontoggle=alert(1)>",
           "<math><mi xlink:href=\"data:x,<script>alert(4)</script>\">",
           "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
           "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
           "```\n<script>alert(1)</script>\n```",  // code: shown escaped, never run
       }) {
    require_inert(v);
  }
  // Raw HTML is removed, not shown escaped; code blocks keep their text, escaped.
  CHECK(render_markdown("<b>bold</b>").html.find("<b>") == std::string::npos);
  CHECK(render_markdown("```\n<script>x</script>\n```").html.find("&lt;script&gt;") != std::string::npos);
  CHECK(render_markdown("a <img src=x onerror=alert(1)> b").text.find("onerror") == std::string::npos);
}

TEST_CASE("Markdown links keep only safe schemes", "[notify][markdown]") {
  for (const char* v : {
           "[x](javascript:alert(1))",
           "[x](JaVaScRiPt:alert(1))",
           "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
           "[x](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
           "[x](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1))",
           "[x](javascript&#x3A;alert(1))",
           "[x](<java\tscript:alert(1)>)",
           "[x](<java&#x09;script:alert(1)>)",
           "[x](<java&#x0A;script:alert(1)>)",
           "[x]( javascript:alert(1))",
           "[x](vbscript:msgbox(1))",
           "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
           "![x](data:image/png;base64,iVBORw0KGgo=)",
           "![x](data:image/svg+xml,<svg onload=alert(1)>)",
           "[x](file:///etc/passwd)",
           "<javascript:alert(1)>",
           "[x][r]\n\n[r]: javascript:alert(1)",
           "![x](javascript:alert(1))",
           "[x](&#14;javascript:alert(1))",
       }) {
    require_inert(v);
  }
  CHECK(safe_link_url("https://example.com"));
  CHECK(safe_link_url("HTTP://example.com"));
  CHECK(safe_link_url("mailto:a@example.com"));
  CHECK(safe_link_url("/relative/path?x=1"));
  CHECK(safe_link_url("#anchor"));
  CHECK(safe_link_url("page.html"));
  CHECK_FALSE(safe_link_url("javascript:alert(1)"));
  CHECK_FALSE(safe_link_url("data:text/html,x"));
  CHECK_FALSE(safe_link_url("vbscript:x"));
  CHECK_FALSE(safe_link_url("java\tscript:x"));
  CHECK_FALSE(safe_link_url("\x01javascript:x"));
  CHECK_FALSE(safe_link_url("ftp://example.com"));
}

TEST_CASE("Markdown input that is not UTF-8 comes out as valid text", "[notify][markdown]") {
  const auto out = render_markdown(std::string("bad \xff\xfe bytes \xc3"));
  CHECK(out.html.find('\xff') == std::string::npos);
  CHECK(out.html.find("bad") != std::string::npos);
}

TEST_CASE("Markdown with a noncharacter still gives valid UTF-8 text (found by fuzz_markdown)", "[notify][markdown]") {
  const auto out = render_markdown(std::string("\xEF\xBF\xBFt>\n></scrip>\n\x05" "er\xA8&q"));
  CHECK(out.text.find('\xFF') == std::string::npos);
  CHECK(out.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(cove::test::html_violation(out.html).empty());
}
