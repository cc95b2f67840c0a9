// The input rules behind organisation registration, members and branding, without HTTP: field
// shapes, magic-byte detection, SVG safety and download names.
#include <catch2/catch.hpp>

#include "core/field_rules.hpp"
#include "http/download.hpp"
#include "core/media_type.hpp"
#include "modules/accounts/org_model.hpp"

using namespace cove::accounts;
namespace core = cove::core;
namespace http = cove::http;

TEST_CASE("email, phone and licence number shapes", "[unit][orgs]") {
  CHECK(core::valid_email("li.lei+cove@mail.example.com"));
  CHECK(core::valid_email("a@b.cn"));
  CHECK_FALSE(core::valid_email("no-at-sign.example.com"));
  CHECK_FALSE(core::valid_email("two@@example.com"));
  CHECK_FALSE(core::valid_email("user@localhost"));
  CHECK_FALSE(core::valid_email("user@-bad.example"));
  CHECK_FALSE(core::valid_email("user@example.com."));
  CHECK_FALSE(core::valid_email(".dot@example.com"));
  CHECK_FALSE(core::valid_email("spa ce@example.com"));
  CHECK_FALSE(core::valid_email("<script>@example.com"));
  CHECK_FALSE(core::valid_email(std::string(65, 'a') + "@example.com"));

  CHECK(core::valid_phone("+86 10 1234 5678"));
  CHECK(core::valid_phone("(021) 5555-0101"));
  CHECK_FALSE(core::valid_phone("1234"));                   // too few digits
  CHECK_FALSE(core::valid_phone("123456789012345678901"));  // too many
  CHECK_FALSE(core::valid_phone("12+345678"));              // + only in front
  CHECK_FALSE(core::valid_phone("call 12345678"));

  CHECK(core::valid_license_no("91310000-MA1FL0001"));
  CHECK_FALSE(core::valid_license_no(""));
  CHECK_FALSE(core::valid_license_no("has space"));
  CHECK_FALSE(core::valid_license_no(std::string(65, '1')));
}

TEST_CASE("uploads are recognised by their first bytes", "[unit][orgs]") {
  CHECK(core::sniff_media_type(std::string("\x89PNG\r\n\x1A\n....", 12)) == core::kPng);
  CHECK(core::sniff_media_type("\xFF\xD8\xFF\xE0 JFIF") == core::kJpeg);
  CHECK(core::sniff_media_type("%PDF-1.4\n") == core::kPdf);
  CHECK(core::sniff_media_type(std::string("\x00\x00\x01\x00\x02\x00", 6)) == core::kIcon);
  CHECK(core::sniff_media_type(std::string("\x00\x00\x01\x00\x00\x00", 6)).empty());  // no images
  CHECK(core::sniff_media_type("\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<svg></svg>") == core::kSvg);
  CHECK(core::sniff_media_type("<!-- logo --><svg xmlns=\"http://www.w3.org/2000/svg\"/>") == core::kSvg);
  CHECK(core::sniff_media_type("<html><svg></svg></html>").empty());
  CHECK(core::sniff_media_type("<?xml version=\"1.0\"?><note/>").empty());
  CHECK(core::sniff_media_type("GIF89a").empty());
  CHECK(core::sniff_media_type("").empty());
}

TEST_CASE("SVGs with active content are refused", "[unit][orgs]") {
  CHECK(core::svg_is_safe(R"(<svg font-family="Monaco" version="1.1"><text>online</text></svg>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<svg><SCRIPT>x</SCRIPT></svg>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<svg onload="x"/>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<svg><rect
      onmouseover = 'x'/></svg>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<svg/onload=x>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<svg><a href="JavaScript:x">t</a></svg>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<svg><foreignObject><p>x</p></foreignObject></svg>)"));
  CHECK_FALSE(core::svg_is_safe(R"(<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>)"));
}

TEST_CASE("download names survive any characters", "[unit][orgs]") {
  CHECK(http::content_disposition("attachment", "scan.pdf") ==
        "attachment; filename=\"scan.pdf\"; filename*=UTF-8''scan.pdf");
  const auto header = http::content_disposition("attachment", "营业执照 \"v2\";\r\n.pdf");
  CHECK(header.find('\r') == std::string::npos);
  CHECK(header.find('\n') == std::string::npos);
  CHECK(header.starts_with("attachment; filename=\""));
  CHECK(header.find("filename*=UTF-8''%E8%90%A5") != std::string::npos);
}
