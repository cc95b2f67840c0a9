// Declared domains (issue 15): every rule of the WeChat-style domain lists — schemes per channel,
// host names only (IP literals in every form a URL parser accepts are refused), IDN in punycode,
// no path, ports where allowed, wildcards by policy — and the blocklist's reach.
#include <catch2/catch.hpp>

#include "modules/domains/domain_name.hpp"

using namespace cove::domains;

namespace {

const DomainPolicy kStrict{};
const DomainPolicy kWildcards{.allow_wildcards = true};

std::string canonical(std::string_view input, DomainKind kind = DomainKind::kRequest,
                      const DomainPolicy& policy = kStrict) {
  const auto p = parse_domain(input, kind, policy);
  INFO(input << " → " << p.error.code << ": " << p.error.message);
  REQUIRE(p.domain);
  return p.domain->canonical();
}

std::string refusal(std::string_view input, DomainKind kind = DomainKind::kRequest,
                    const DomainPolicy& policy = kStrict) {
  const auto p = parse_domain(input, kind, policy);
  INFO(input << " was accepted as " << (p.domain ? p.domain->canonical() : ""));
  REQUIRE_FALSE(p.domain);
  CHECK_FALSE(p.error.message.empty());
  return p.error.code;
}

}  // namespace

TEST_CASE("domains: a host name is stored lower case without the default port or a trailing slash", "[domains]") {
  CHECK(canonical("https://api.example.com") == "https://api.example.com");
  CHECK(canonical("HTTPS://API.Example.COM/") == "https://api.example.com");
  CHECK(canonical("  https://api.example.com  ") == "https://api.example.com");
  CHECK(canonical("https://api.example.com:443") == "https://api.example.com");
  CHECK(canonical("https://api.example.com.") == "https://api.example.com");
  CHECK(canonical("https://a-b.c1.example.co.uk") == "https://a-b.c1.example.co.uk");
  CHECK(canonical("https://1.2.3.example.com") == "https://1.2.3.example.com");
}

TEST_CASE("domains: each channel has its scheme", "[domains]") {
  CHECK(canonical("wss://push.example.com", DomainKind::kSocket) == "wss://push.example.com");
  CHECK(refusal("https://push.example.com", DomainKind::kSocket) == "scheme_not_allowed");
  CHECK(refusal("ws://push.example.com", DomainKind::kSocket) == "scheme_not_allowed");
  for (const auto kind : {DomainKind::kRequest, DomainKind::kUpload, DomainKind::kDownload, DomainKind::kWebview}) {
    CHECK(refusal("http://api.example.com", kind) == "scheme_not_allowed");
    CHECK(refusal("wss://api.example.com", kind) == "scheme_not_allowed");
    CHECK(refusal("ftp://api.example.com", kind) == "scheme_not_allowed");
  }
  CHECK(refusal("api.example.com") == "scheme_required");
  CHECK(refusal("//api.example.com") == "scheme_required");
  CHECK(refusal("://api.example.com") == "scheme_not_allowed");
}

TEST_CASE("domains: IP literals are refused in every form", "[domains]") {
  for (const auto* ip : {"https://127.0.0.1", "https://0x7f.1", "https://0x7f000001", "https://2130706433",
                         "https://0177.0.0.1", "https://127.1", "https://10.0.0.1:8443", "https://[::1]",
                         "https://[::ffff:127.0.0.1]", "https://[fe80::1%25eth0]", "https://::1",
                         "https://192.168.1.1.", "https://example.0x", "https://１２７.０.０.１",
                         "https://8.8.8.8/"}) {
    CHECK(refusal(ip) == "ip_literal");
  }
}

TEST_CASE("domains: localhost and single-label names are not public hosts", "[domains]") {
  CHECK(refusal("https://localhost") == "localhost_not_allowed");
  CHECK(refusal("https://LOCALHOST.") == "localhost_not_allowed");
  CHECK(refusal("https://api.localhost") == "localhost_not_allowed");
  CHECK(refusal("https://intranet") == "invalid_host");
  CHECK(refusal("https://") == "invalid_host");
  CHECK(refusal("https://-bad.example.com") == "invalid_host");
  CHECK(refusal("https://bad-.example.com") == "invalid_host");
  CHECK(refusal("https://under_score.example.com") == "invalid_host");
  CHECK(refusal("https://a..example.com") == "invalid_host");
  CHECK(refusal("https://exa%6dple.com") == "invalid_host");
  CHECK(refusal("https://api.example.com\n") == "invalid_host");
  CHECK(refusal("https://" + std::string(64, 'a') + ".example.com") == "invalid_host");
  CHECK(canonical("https://" + std::string(63, 'a') + ".example.com").size() == 8 + 63 + 12);
}

TEST_CASE("domains: internationalised names are stored in punycode", "[domains]") {
  CHECK(canonical("https://例子.测试") == "https://xn--fsqu00a.xn--0zwm56d");
  CHECK(canonical("https://BÜCHER.example") == "https://xn--bcher-kva.example");
  CHECK(canonical("https://xn--bcher-kva.example") == "https://xn--bcher-kva.example");
  // Non-transitional: ß is kept (as browsers resolve it), not mapped to ss.
  CHECK(canonical("https://faß.de") == "https://xn--fa-hia.de");
  // The ideographic full stop separates labels as a dot does.
  CHECK(canonical("https://例子。测试") == "https://xn--fsqu00a.xn--0zwm56d");
  CHECK(refusal("https://xn--zz.example") == "invalid_idn");
  CHECK(refusal("https://a\u200db.example") == "invalid_idn");  // ZWJ outside its context
}

TEST_CASE("domains: no path, query, fragment or user info", "[domains]") {
  CHECK(refusal("https://api.example.com/v1") == "path_not_allowed");
  CHECK(refusal("https://api.example.com?x=1") == "path_not_allowed");
  CHECK(refusal("https://api.example.com#top") == "path_not_allowed");
  CHECK(refusal("https://api.example.com//") == "path_not_allowed");
  CHECK(refusal("https://api.example.com\\evil.com") == "path_not_allowed");
  CHECK(refusal("https://user:pw@api.example.com") == "userinfo_not_allowed");
  CHECK(refusal("https://api.example.com@evil.com") == "userinfo_not_allowed");
}

TEST_CASE("domains: a port where the channel allows one", "[domains]") {
  CHECK(canonical("https://api.example.com:8443") == "https://api.example.com:8443");
  CHECK(canonical("wss://push.example.com:9000", DomainKind::kSocket) == "wss://push.example.com:9000");
  CHECK(canonical("https://dl.example.com:1", DomainKind::kDownload) == "https://dl.example.com:1");
  CHECK(refusal("https://web.example.com:8443", DomainKind::kWebview) == "port_not_allowed");
  CHECK(refusal("https://api.example.com:0") == "invalid_port");
  CHECK(refusal("https://api.example.com:65536") == "invalid_port");
  CHECK(refusal("https://api.example.com:") == "invalid_port");
  CHECK(refusal("https://api.example.com:84a3") == "invalid_port");
  CHECK(refusal("https://api.example.com:000008443") == "invalid_port");
}

TEST_CASE("domains: wildcards only as a leading *. and only when the policy allows", "[domains]") {
  CHECK(refusal("https://*.example.com") == "wildcard_not_allowed");
  CHECK(canonical("https://*.example.com", DomainKind::kRequest, kWildcards) == "https://*.example.com");
  CHECK(canonical("https://*.例子.测试", DomainKind::kRequest, kWildcards) == "https://*.xn--fsqu00a.xn--0zwm56d");
  CHECK(refusal("https://*.com", DomainKind::kRequest, kWildcards) == "wildcard_too_broad");
  CHECK(refusal("https://a.*.example.com", DomainKind::kRequest, kWildcards) == "invalid_wildcard");
  CHECK(refusal("https://*example.com", DomainKind::kRequest, kWildcards) == "invalid_wildcard");
  CHECK(refusal("https://*", DomainKind::kRequest, kWildcards) == "invalid_wildcard");
  CHECK(refusal("https://*.*.example.com", DomainKind::kRequest, kWildcards) == "invalid_wildcard");
  CHECK(refusal("https://*.127.0.0.1", DomainKind::kRequest, kWildcards) == "ip_literal");
  const auto p = parse_domain("https://*.example.com", DomainKind::kRequest, kWildcards);
  REQUIRE(p.domain);
  CHECK(p.domain->wildcard);
}

TEST_CASE("domains: overlong input is refused before parsing", "[domains]") {
  CHECK(refusal("https://" + std::string(400, 'a') + ".com") == "too_long");
  CHECK(refusal("https://" + std::string(250, 'a') + ".com") == "invalid_host");
}

TEST_CASE("domains: bare hosts for the platform lists", "[domains]") {
  CHECK(parse_host("CDN.Example.com", false).host == "cdn.example.com");
  CHECK(parse_host("*.example.com", true).host == "*.example.com");
  CHECK(parse_host("*.example.com", false).error.code == "wildcard_not_allowed");
  CHECK(parse_host("https://example.com", false).error.code == "invalid_host");
  CHECK(parse_host("example.com/x", false).error.code == "invalid_host");
  CHECK(parse_host("example.com:443", false).error.code == "ip_literal");
  CHECK(parse_host("0x7f.1", false).error.code == "ip_literal");
  CHECK(parse_host("localhost", false).error.code == "localhost_not_allowed");
  CHECK(parse_host("例子.测试", false).host == "xn--fsqu00a.xn--0zwm56d");
}

TEST_CASE("domains: a blocklist entry blocks the host and every name below it", "[domains]") {
  CHECK(is_blocked_by("evil.com", "evil.com"));
  CHECK(is_blocked_by("api.evil.com", "evil.com"));
  CHECK_FALSE(is_blocked_by("notevil.com", "evil.com"));
  CHECK_FALSE(is_blocked_by("evil.com.example", "evil.com"));
  CHECK_FALSE(is_blocked_by("evil.com", "api.evil.com"));
  // A wildcard admitting a blocked name is blocked too.
  CHECK(is_blocked_by("*.evil.com", "evil.com"));
  CHECK(is_blocked_by("*.example.com", "bad.example.com"));
  CHECK(is_blocked_by("*.a.example.com", "example.com"));
  CHECK_FALSE(is_blocked_by("*.example.com", "example.org"));
}

TEST_CASE("domains: kinds by name", "[domains]") {
  for (const auto k : kKinds) CHECK(kind_from(kind_name(k)) == k);
  CHECK_FALSE(kind_from("ftp"));
  CHECK(scheme_of(DomainKind::kSocket) == "wss");
  CHECK_FALSE(port_allowed(DomainKind::kWebview));
}
