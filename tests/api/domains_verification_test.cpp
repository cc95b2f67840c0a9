// Business-domain verification (issue 15) against a real HTTPS server on 127.0.0.1 with a test
// CA: the guarded fetcher's SSRF rules (non-public addresses after DNS, redirects to other hosts,
// size cap, TLS trust), and the verify route end to end — only a verified business domain reaches
// the runtime.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "domains_tls_server.hpp"
#include "http/guarded_fetch.hpp"
#include "runtime_sdk.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

namespace {

bool public_v4(const char* text) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  REQUIRE(inet_pton(AF_INET, text, &a.sin_addr) == 1);
  return http::is_public_address(reinterpret_cast<const sockaddr*>(&a));
}

bool public_v6(const char* text) {
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  REQUIRE(inet_pton(AF_INET6, text, &a.sin6_addr) == 1);
  return http::is_public_address(reinterpret_cast<const sockaddr*>(&a));
}

}  // namespace

TEST_CASE("guarded fetch: which addresses are public", "[api][domains][ssrf]") {
  for (const auto* a : {"127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.1",
                        "198.18.0.1"}) {
    INFO(a);
    CHECK_FALSE(public_v4(a));
  }
  for (const auto* a : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34"}) {
    INFO(a);
    CHECK(public_v4(a));
  }
  for (const auto* a : {"::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
                        "::ffff:10.0.0.1", "64:ff9b::a00:1", "2001:db8::1", "2002:7f00:1::1", "2001:0:4136::1"}) {
    INFO(a);
    CHECK_FALSE(public_v6(a));
  }
  for (const auto* a : {"2606:4700:4700::1111", "::ffff:8.8.8.8", "2a00:1450:4001::1"}) {
    INFO(a);
    CHECK(public_v6(a));
  }
}

TEST_CASE("guarded fetch against a local TLS server: trust, SSRF rules, size cap", "[api][domains][ssrf]") {
  test::TlsFileServer server;
  server.put("file.txt", "hello");
  server.put("big.txt", std::string(100 * 1024, 'x'));
  const auto fetcher = http::make_guarded_fetcher();
  const auto url = [&](const std::string& host, const std::string& path) {
    return fmt::format("https://{}:{}/{}", host, server.port(), path);
  };
  http::FetchOptions trusted;
  trusted.ca_file = server.ca_file().string();
  trusted.total_timeout = std::chrono::seconds(5);

  SECTION("a name resolving to loopback is refused after DNS, not by its spelling") {
    const auto r = fetcher->get(url("localhost", "file.txt"), trusted);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "refused_address");
    CHECK((r.message.find("127.0.0.1") != std::string::npos || r.message.find("::1") != std::string::npos));
  }
  SECTION("a --connect-to to a private address is refused the same way") {
    auto o = trusted;
    o.connect_to = {fmt::format("verify.example.com:443:127.0.0.1:{}", server.port())};
    const auto r = fetcher->get("https://verify.example.com/file.txt", o);
    CHECK(r.error == "refused_address");
  }
  SECTION("allowed private addresses, the test CA: the file is fetched") {
    auto o = trusted;
    o.allow_private_addresses = true;
    const auto r = fetcher->get(url("localhost", "file.txt"), o);
    INFO(r.error << " " << r.message);
    REQUIRE(r.ok);
    CHECK(r.status == 200);
    CHECK(r.body == "hello");
    CHECK(r.connected_ip == "127.0.0.1");
    // The same through --connect-to: SNI and the certificate check use the name.
    o.connect_to = {fmt::format("verify.example.com:443:127.0.0.1:{}", server.port())};
    const auto named = fetcher->get("https://verify.example.com/file.txt", o);
    CHECK(named.ok);
    CHECK(named.body == "hello");
  }
  SECTION("a redirect to another host is refused, even where private addresses are allowed") {
    auto o = trusted;
    o.allow_private_addresses = true;
    const auto r = fetcher->get(url("localhost", "redirect?" + url("127.0.0.1", "file.txt")), o);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "redirect_refused");
    // To the same host it is followed.
    const auto same = fetcher->get(url("localhost", "redirect?" + url("localhost", "file.txt")), o);
    CHECK(same.ok);
    CHECK(same.body == "hello");
  }
  SECTION("redirects are counted") {
    auto o = trusted;
    o.allow_private_addresses = true;
    // Each hop answers the rest of the query as its Location: five hops, three allowed.
    const auto r = fetcher->get(url("localhost", "redirect?/redirect?/redirect?/redirect?/redirect?/file.txt"), o);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "too_many_redirects");
    CHECK(fetcher->get(url("localhost", "redirect?/redirect?/file.txt"), o).body == "hello");
  }
  SECTION("more than the size cap is an error, not a truncation") {
    auto o = trusted;
    o.allow_private_addresses = true;
    const auto r = fetcher->get(url("localhost", "big.txt"), o);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "too_large");
  }
  SECTION("without the test CA the certificate is not trusted") {
    http::FetchOptions o;
    o.allow_private_addresses = true;
    const auto r = fetcher->get(url("localhost", "file.txt"), o);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "tls");
  }
  SECTION("only https") {
    CHECK(fetcher->get(fmt::format("http://localhost:{}/file.txt", server.port()), trusted).error == "invalid_url");
    CHECK(fetcher->get("file:///etc/passwd", trusted).error == "invalid_url");
  }
}

namespace {

struct VerifyWorld {
  test::TlsFileServer files;
  test::World w;
  std::string app;

  static test::TestServerOptions options(const test::TlsFileServer& files, bool allow_private) {
    test::TestServerOptions o;
    o.configure = [&files, allow_private](core::Config& c) {
      c.set("domains.verify.allowPrivateAddresses", allow_private);
      c.set("domains.verify.caFile", files.ca_file().string());
      c.set("domains.verify.connectTo",
            nlohmann::json::array({fmt::format("verify.example.com:443:127.0.0.1:{}", files.port())}));
      c.set("domains.verify.timeoutSeconds", 5);
    };
    return o;
  }

  explicit VerifyWorld(bool allow_private = true)
      : w(test::given(options(files, allow_private)) | test::org("A").owner().developer() |
          test::app("Weather").released("1.0.0") | test::host_app("Super App").serving("Weather")) {
    app = w.app("Weather").id;
    auto h = test::bearer_json(w.org("A").developer().token);
    h.set("If-Match", "*");
    auto r = w.server.client().request(
        Method::kPut, "/api/v1/apps/" + app + "/domains", h,
        nlohmann::json{{"webview", {"https://verify.example.com", "https://other.example.com"}}}.dump());
    REQUIRE(r.status == 200);
  }
  std::string verify_url(const std::string& host = "verify.example.com") const {
    return "/api/v1/apps/" + app + "/domains/webview/" + host + "/verify";
  }
};

}  // namespace

TEST_CASE("a business domain is verified against the organisation's file and then reaches the runtime",
          "[api][domains][verification]") {
  VerifyWorld f;
  auto& a = f.w.org("A");
  auto file = f.w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/domain-verification", a.developer().token);
  REQUIRE(file.status == 200);
  const auto name = file.json()["fileName"].get<std::string>();
  const auto content = file.json()["content"].get<std::string>();
  CHECK(name.starts_with("cove-verify-"));
  CHECK(content.size() == 64);
  // The same file every time; another organisation's differs.
  CHECK(f.w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/domain-verification", a.owner().token)
            .json()["fileName"] == name);

  test::run_scenarios(
      f.w.server,
      {
          {.name = "a host the mini-program does not declare",
           .method = Method::kPost,
           .url = f.verify_url("undeclared.example.com"),
           .headers = test::bearer(a.developer().token),
           .expected_status = 404,
           .expected = {R"("code":"domains.webview_not_declared")"}},
          {.name = "before the file is published: failed, with the reason",
           .method = Method::kPost,
           .url = f.verify_url(),
           .headers = test::bearer(a.developer().token),
           .expected = {R"("status":"failed")", "HTTP 404"},
           .events = {"webview_domain.verification_failed"},
           .audit = {"webview_domain.verification_failed"}},
      });

  const auto host = f.w.host_app("Super App");
  const auto target = "/runtime/v1/apps/" + f.app + "?uid=u1";
  // Declared but not verified: not handed to the SDK.
  CHECK(test::await_runtime(f.w, target, host, 200).json()["domains"]["webview"] == nlohmann::json::array());

  f.files.put(name, "wrong");
  auto r = f.w.call(Method::kPost, f.verify_url(), a.developer().token);
  CHECK(r.json()["status"] == "failed");
  CHECK(r.json()["failure"].get<std::string>().starts_with("content"));

  f.files.put(name, content + "\n");
  r = f.w.call(Method::kPost, f.verify_url(), a.developer().token);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "verified");
  CHECK(r.json()["verifiedAt"].is_string());
  CHECK(f.w.event_count("webview_domain.verified") == 1);

  auto domains = f.w.call(Method::kGet, "/api/v1/apps/" + f.app + "/domains", a.developer().token).json();
  CHECK(domains["verification"][0] ==
        nlohmann::json({{"host", "verify.example.com"}, {"status", "verified"}, {"checkedAt", r.json()["checkedAt"]},
                        {"verifiedAt", r.json()["verifiedAt"]}, {"failure", nullptr}}));
  CHECK(domains["verification"][1]["status"] == "unverified");
  const auto answer = test::await_runtime(f.w, target, host, 200, "verify.example.com");
  CHECK(answer.json()["domains"]["webview"] == nlohmann::json::array({"https://verify.example.com"}));
}

TEST_CASE("verification refuses a private address unless the setting allows it", "[api][domains][verification][ssrf]") {
  VerifyWorld f(false);
  auto& a = f.w.org("A");
  const auto file = f.w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/domain-verification", a.developer().token).json();
  f.files.put(file["fileName"].get<std::string>(), file["content"].get<std::string>());
  const auto r = f.w.call(Method::kPost, f.verify_url(), a.developer().token);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "failed");
  CHECK(r.json()["failure"].get<std::string>().starts_with("refused_address"));
}
