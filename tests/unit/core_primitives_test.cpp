// Small core pieces: ids, crypto helpers, clock formatting, metrics rendering, static traversal.
#include <catch2/catch.hpp>

#include <limits>
#include <set>

#include "core/cidr.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/metrics.hpp"
#include "http/rate_limit.hpp"
#include "http/static_files.hpp"
#include "http/types.hpp"

using namespace cove;

TEST_CASE("ids are prefixed, URL-safe and unique", "[ids]") {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const auto id = core::new_id("app");
    CHECK(core::looks_like_id(id, "app"));
    CHECK(seen.insert(id).second);
  }
  CHECK_FALSE(core::looks_like_id("app_short", "app"));
  CHECK_FALSE(core::looks_like_id(core::new_id("org"), "app"));
  CHECK_FALSE(core::looks_like_id("app_../../../../../../../etc", "app"));
}

TEST_CASE("crypto helpers match known vectors", "[crypto]") {
  CHECK(core::crypto::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  CHECK(core::crypto::hex(core::crypto::hmac_sha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(core::crypto::base64("hello") == "aGVsbG8=");
  CHECK(core::crypto::base64url("\xfb\xff") == "-_8");
  CHECK(core::crypto::from_base64url("-_8") == "\xfb\xff");
  CHECK(core::crypto::from_base64url(core::crypto::base64url("any bytes at all")) == "any bytes at all");
  CHECK_THROWS(core::crypto::from_base64url("a+b/"));
  CHECK(core::crypto::from_hex("00ff") == std::string("\x00\xff", 2));
  CHECK_THROWS(core::crypto::from_hex("0g"));
  CHECK(core::crypto::constant_time_equal("same", "same"));
  CHECK_FALSE(core::crypto::constant_time_equal("same", "sane"));
  CHECK_FALSE(core::crypto::constant_time_equal("same", "same+"));
  core::crypto::Sha256 h;
  h.update("a", 1);
  h.update("bc", 2);
  CHECK(h.finish_hex() == core::crypto::sha256_hex("abc"));
}

TEST_CASE("RFC 3339 formatting and parsing", "[clock]") {
  CHECK(core::format_rfc3339_millis(0) == "1970-01-01T00:00:00.000Z");
  CHECK(core::format_rfc3339_millis(1795000000123) == "2026-11-18T11:06:40.123Z");
  core::TimePoint t;
  REQUIRE(core::parse_rfc3339("2026-11-18T19:06:40.123+08:00", t));
  CHECK(core::format_rfc3339(t) == "2026-11-18T11:06:40.123Z");
  CHECK_FALSE(core::parse_rfc3339("2026-02-31T00:00:00Z", t));
  CHECK_FALSE(core::parse_rfc3339("2026-11-18 07:46:40Z", t));
  CHECK_FALSE(core::parse_rfc3339("2026-11-18T07:46:40", t));
}

TEST_CASE("RFC 3339 leap seconds are accepted on real dates only", "[clock]") {
  core::TimePoint t;
  REQUIRE(core::parse_rfc3339("2016-12-31T23:59:60Z", t));
  CHECK(core::format_rfc3339(t) == "2017-01-01T00:00:00.000Z");
  // Second 60 used to skip the calendar check, letting these roll over into the next month.
  CHECK_FALSE(core::parse_rfc3339("2026-02-31T12:00:60Z", t));
  CHECK_FALSE(core::parse_rfc3339("2026-04-31T23:59:60Z", t));
}

TEST_CASE("RFC 3339 times a TimePoint cannot hold are refused, not wrapped", "[clock]") {
  // Found by fuzz_request_target: year 3022 overflowed the nanosecond conversion (UBSan).
  core::TimePoint t;
  CHECK_FALSE(core::parse_rfc3339("3022-01-02T03:04:05Z", t));
  CHECK_FALSE(core::parse_rfc3339("9999-12-31T23:59:59.999Z", t));
  CHECK_FALSE(core::parse_rfc3339("1000-01-01T00:00:00Z", t));
  CHECK_FALSE(core::parse_rfc3339("2262-04-12T00:00:00Z", t));
  REQUIRE(core::parse_rfc3339("2262-04-10T23:59:59.999Z", t));
  CHECK(core::format_rfc3339(t) == "2262-04-10T23:59:59.999Z");
  REQUIRE(core::parse_rfc3339("1677-09-22T00:00:00Z", t));
  CHECK(core::format_rfc3339(t) == "1677-09-22T00:00:00.000Z");
}

TEST_CASE("metrics render in Prometheus text format", "[metrics]") {
  core::MetricsRegistry reg;
  reg.counter("jobs_total", "Jobs").inc(3);
  auto& fam = reg.counter_family("req_total", "Requests", {"route", "status"});
  fam.with({"/a/{id}", "200"}).inc();
  fam.with({"/a/{id}", "200"}).inc();
  fam.with({"quote\"d", "500"}).inc();
  reg.histogram("lat_seconds", "Latency", {0.1, 1}).observe(0.5);
  reg.gauge_callback("lag", "Lag", [] { return 7.0; });
  reg.counter_callback("busy_seconds_total", "Busy\\time\nin seconds", [] { return 2.5; });
  reg.gauge_callback("age_seconds", "Age", [] { return std::numeric_limits<double>::quiet_NaN(); });
  reg.gauge_callback("limit", "Limit", [] { return std::numeric_limits<double>::infinity(); });
  const auto text = reg.render();
  CHECK(text.find("# TYPE jobs_total counter\njobs_total 3\n") != std::string::npos);
  CHECK(text.find("req_total{route=\"/a/{id}\",status=\"200\"} 2") != std::string::npos);
  CHECK(text.find("req_total{route=\"quote\\\"d\",status=\"500\"} 1") != std::string::npos);
  CHECK(text.find("lat_seconds_bucket{le=\"0.1\"} 0") != std::string::npos);
  CHECK(text.find("lat_seconds_bucket{le=\"1\"} 1") != std::string::npos);
  CHECK(text.find("lat_seconds_bucket{le=\"+Inf\"} 1") != std::string::npos);
  CHECK(text.find("lat_seconds_count 1") != std::string::npos);
  CHECK(text.find("lag 7") != std::string::npos);
  // A total kept elsewhere is still typed counter; HELP escapes backslash and newline.
  CHECK(text.find("# HELP busy_seconds_total Busy\\\\time\\nin seconds\n# TYPE busy_seconds_total counter\n"
                  "busy_seconds_total 2.5\n") != std::string::npos);
  // Special values as the exposition format spells them.
  CHECK(text.find("age_seconds NaN\n") != std::string::npos);
  CHECK(text.find("limit +Inf\n") != std::string::npos);
}

TEST_CASE("static file paths with traversal are refused", "[static]") {
  using http::StaticFiles;
  for (const char* p : {"/../etc/passwd", "/a/../b", "/./x", "/a\\b", "/%2e%2e/x", "/%2F", "/a/..",
                        "/a/."}) {
    INFO(p);
    CHECK(StaticFiles::is_traversal_attempt(p));
  }
  CHECK(StaticFiles::is_traversal_attempt(std::string_view("/a\0b", 4)));
  CHECK_FALSE(StaticFiles::is_traversal_attempt("/assets/index-3f9a8b7c.js"));
  CHECK_FALSE(StaticFiles::is_traversal_attempt("/orgs/org_1/apps"));
  CHECK_FALSE(StaticFiles::is_traversal_attempt("/file..name.txt"));
}

TEST_CASE("percent decoding", "[http]") {
  std::string out;
  CHECK(http::percent_decode("a%20b%2Fc", out, false));
  CHECK(out == "a b/c");
  CHECK(http::percent_decode("a+b", out, true));
  CHECK(out == "a b");
  CHECK_FALSE(http::percent_decode("bad%2", out, false));
  CHECK_FALSE(http::percent_decode("bad%zz", out, false));
  CHECK(http::percent_encode("a b/ü") == "a%20b%2F%C3%BC");
}

TEST_CASE("query parameters are decoded in order", "[http]") {
  http::Request req;
  req.query = "uid=u%201&ctx.tier=gold&uid=second&flag&bad=%zz";
  CHECK(req.query_param("uid") == "u 1");
  CHECK(req.query_param("ctx.tier") == "gold");
  CHECK(req.query_param("flag") == "");
  CHECK_FALSE(req.query_param("bad").has_value());
  CHECK(req.query_params().size() == 4);
}

TEST_CASE("rate limiter allows a burst then refuses", "[ratelimit]") {
  http::RateLimiter limiter(0.0001, 3);
  double retry = 0;
  CHECK(limiter.allow("1.2.3.4", retry));
  CHECK(limiter.allow("1.2.3.4", retry));
  CHECK(limiter.allow("1.2.3.4", retry));
  CHECK_FALSE(limiter.allow("1.2.3.4", retry));
  CHECK(retry > 0);
  CHECK(limiter.allow("5.6.7.8", retry));  // other clients are unaffected
}

TEST_CASE("CIDR ranges match IPv4 and IPv6", "[cidr]") {
  auto r = core::CidrRange::parse("10.1.0.0/16");
  REQUIRE(r);
  CHECK(r->contains("10.1.200.3"));
  CHECK_FALSE(r->contains("10.2.0.1"));
  CHECK(r->contains("::ffff:10.1.2.3"));  // IPv4-mapped
  CHECK_FALSE(r->contains("not an ip"));
  auto single = core::CidrRange::parse("192.168.1.7");
  REQUIRE(single);
  CHECK(single->contains("192.168.1.7"));
  CHECK_FALSE(single->contains("192.168.1.8"));
  auto v6 = core::CidrRange::parse("2001:db8::/32");
  REQUIRE(v6);
  CHECK(v6->contains("2001:db8:1::5"));
  CHECK_FALSE(v6->contains("2001:db9::1"));
  CHECK_FALSE(v6->contains("10.1.2.3"));
  auto odd = core::CidrRange::parse("10.0.0.0/9");
  REQUIRE(odd);
  CHECK(odd->contains("10.127.255.255"));
  CHECK_FALSE(odd->contains("10.128.0.0"));
  CHECK(core::CidrRange::parse("0.0.0.0/0")->contains("8.8.8.8"));
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "::/129", "1.2.3.4/-1", ""}) {
    INFO(bad);
    CHECK_FALSE(core::CidrRange::parse(bad).has_value());
  }
}
