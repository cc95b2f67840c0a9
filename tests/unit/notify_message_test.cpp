// The notify module's text building: placeholders from event payloads, RFC 2047 subjects that
// split only between characters, header values without line breaks, escaped HTML.
#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "modules/notify/mail_template.hpp"
#include "modules/notify/message_text.hpp"
#include "modules/notify/mime_message.hpp"
#include "modules/notify/notification_kinds.hpp"

using namespace cove::notify;

namespace {

// The text an encoded-word carries.
std::string decode_words(const std::string& header) {
  std::string out;
  for (std::size_t at = header.find("=?UTF-8?B?"); at != std::string::npos; at = header.find("=?UTF-8?B?", at)) {
    const auto start = at + 10;
    const auto end = header.find("?=", start);
    std::string b64 = header.substr(start, end - start);
    for (auto& c : b64) {
      if (c == '+') c = '-';
      if (c == '/') c = '_';
    }
    while (!b64.empty() && b64.back() == '=') b64.pop_back();
    out += cove::core::crypto::from_base64url(b64);
    at = end;
  }
  return out;
}

}  // namespace

TEST_CASE("a member's role reads as the console names it, in the reader's language", "[unit][notify]") {
  const auto* kind = find_kind("member.role_changed");
  REQUIRE(kind != nullptr);
  auto vars = vars_from_payload({{"role", "developer"}});
  vars["org"] = "Acme";
  CHECK(fill(kind->zh_cn.body, localized(vars, "zh-CN")) == "你在机构「Acme」的角色已变更为「开发者」。");
  CHECK(fill(kind->en_us.body, localized(vars, "en-US")) == "Your role in Acme is now Developer.");
  // A code without a name stays as it is.
  CHECK(localized(vars_from_payload({{"role", "auditor"}}), "zh-CN").at("role") == "auditor");
}

TEST_CASE("placeholders come from the payload; unknown ones never show raw", "[unit][notify]") {
  auto vars = vars_from_payload({{"version", "1.2.0"}, {"daysLeft", 7}, {"names", {"a.example", "b.example"}}});
  vars["org"] = "Acme";
  CHECK(fill("{org} {version} in {daysLeft} days: {names}", vars) == "Acme 1.2.0 in 7 days: a.example, b.example");
  CHECK(fill("Reason: {reason}", vars) == "Reason: —");
  CHECK(fill_link("/o/{orgId}/apps", vars).empty());  // a link with a hole is no link
  vars["orgId"] = "org_1";
  CHECK(fill_link("/o/{orgId}/apps", vars) == "/o/org_1/apps");
}

TEST_CASE("every kind reads in both languages and only security kinds are forced", "[unit][notify]") {
  for (const auto& k : notification_kinds()) {
    INFO(k.topic);
    CHECK_FALSE(k.zh_cn.title.empty());
    CHECK_FALSE(k.en_us.title.empty());
    CHECK(find_kind(k.topic) == &k);
    CHECK(k.security == (k.category == "security"));
  }
  CHECK(find_kind("weather.changed") == nullptr);
}

TEST_CASE("subjects: ASCII stays, UTF-8 becomes encoded-words split between characters", "[unit][notify]") {
  CHECK(encode_header_words("[Cove] Test e-mail") == "[Cove] Test e-mail");
  CHECK(encode_header_words("line\r\nBcc: x@example.com") == "line  Bcc: x@example.com");
  const std::string subject = "[Cove] 机构已通过审核：北京星河璀璨数字科技与互联网信息服务有限公司上海分公司";
  const auto encoded = encode_header_words(subject);
  CHECK(encoded.find("\r\n ") != std::string::npos);  // folded into several words
  for (std::size_t at = 0; (at = encoded.find("=?UTF-8?B?", at)) != std::string::npos; ++at) {
    CHECK(encoded.find("?=", at) - at + 2 <= 75);  // RFC 2047: at most 75 characters a word
  }
  CHECK(decode_words(encoded) == subject);
}

TEST_CASE("a message has the headers and both parts; HTML escapes what it shows", "[unit][notify]") {
  const auto text = notification_mail("en-US", "Cove", "<b>Approved</b>", "Org \"A\" & co", "https://x.example/o/1?a=1&b=2");
  CHECK(text.html.find("&lt;b&gt;Approved&lt;/b&gt;") != std::string::npos);
  CHECK(text.html.find("Org &quot;A&quot; &amp; co") != std::string::npos);
  CHECK(text.html.find("href=\"https://x.example/o/1?a=1&amp;b=2\"") != std::string::npos);
  CHECK(text.text.find("https://x.example/o/1?a=1&b=2") != std::string::npos);
  const auto m = mime_message({.from = "noreply@cove.example",
                               .from_name = "Cove",
                               .to = "a@example.com",
                               .subject = text.subject,
                               .text = text.text,
                               .html = text.html},
                              1'767'225'600'000, "cove.example");
  CHECK(m.find("Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n") != std::string::npos);
  CHECK(m.find("From: Cove <noreply@cove.example>\r\n") != std::string::npos);
  CHECK(m.find("Subject: [Cove] <b>Approved</b>\r\n") != std::string::npos);
  CHECK(m.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64") != std::string::npos);
  CHECK(m.find("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64") != std::string::npos);
  for (std::size_t at = 0, next; at < m.size(); at = next + 2) {
    next = m.find("\r\n", at);
    if (next == std::string::npos) break;
    CHECK(next - at <= 78);  // RFC 5322 §2.1.1
  }
}
