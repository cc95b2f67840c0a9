// Domains (issue 15) through the API: a mini-program's five lists replaced under an ETag, every
// rule a field error at the entry's path, the per-list limit an operator raises per organisation,
// the platform whitelist and blocklist, and the effective lists in the signed runtime answer.
#include <chrono>

#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "runtime_sdk.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

namespace {

http::Headers with_if_match(const std::string& token, const std::string& etag) {
  auto h = test::bearer_json(token);
  h.set("If-Match", etag);
  return h;
}

http::ClientResponse put_domains(test::World& w, const std::string& app, const std::string& token,
                                 const std::string& etag, const nlohmann::json& body) {
  return w.server.client().request(Method::kPut, "/api/v1/apps/" + app + "/domains", with_if_match(token, etag),
                                   body.dump());
}

std::string etag_of(test::World& w, const std::string& app, const std::string& token) {
  auto r = w.call(Method::kGet, "/api/v1/apps/" + app + "/domains", token);
  REQUIRE(r.status == 200);
  return std::string(r.headers.get("ETag").value_or(""));
}

}  // namespace

TEST_CASE("a mini-program's domain lists: replace-all under If-Match, rules at exact paths", "[api][domains]") {
  const nlohmann::json good = {
      {"request", {"https://api.example.com", "HTTPS://API.example.com/", "https://例子.测试:8443"}},
      {"socket", {"wss://push.example.com"}},
      {"download", {"https://cdn.example.com"}},
      {"webview", {"https://h5.example.com"}}};
  // "Declared" has declared `good` once (revision 1); "Weather" nothing yet.
  test::World w = test::given() | test::org("A").owner().developer() | test::app("Weather") |
                  test::app("Declared") | [&](test::World& world) {
                    REQUIRE(put_domains(world, world.app("Declared").id, world.org("A").developer().token, "\"0\"",
                                        good)
                                .status == 200);
                  };
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  const auto url = "/api/v1/apps/" + app + "/domains";
  const auto declared = "/api/v1/apps/" + w.app("Declared").id + "/domains";
  const auto dev = a.developer().token;
  test::run_scenarios(
      w.server,
      {
          {.name = "nothing declared yet: empty lists at revision 0",
           .url = url,
           .headers = test::bearer(dev),
           .expected = {R"("request":[])", R"("webview":[])", R"("revision":0)"},
           .check = [](const http::ClientResponse& r) { CHECK(r.headers.get("ETag") == "\"0\""); }},
          {.name = "without If-Match: 428, nothing written",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(dev),
           .body = good.dump(),
           .expected_status = 428,
           .expected = {R"("code":"domains.precondition_required")", R"("etag":"\"0\"")"}},
          {.name = "every rule at the entry's path, nothing written",
           .method = Method::kPut,
           .url = url,
           .headers = with_if_match(dev, "\"0\""),
           .body = nlohmann::json{{"request",
                                   {"https://ok.example.com", "http://plain.example.com", "https://0x7f.1",
                                    "https://2130706433", "https://[::1]", "https://localhost",
                                    "https://api.example.com/v1", "https://*.example.com"}},
                                  {"socket", {"https://push.example.com"}},
                                  {"upload", "https://up.example.com"},
                                  {"download", {42}},
                                  {"webview", {"https://h5.example.com:8443"}}}
                       .dump(),
           .expected_status = 400,
           .expected = {R"("code":"validation_failed")", R"("request[1]":{"code":"scheme_not_allowed")",
                        R"("request[2]":{"code":"ip_literal")", R"("request[3]":{"code":"ip_literal")",
                        R"("request[4]":{"code":"ip_literal")", R"("request[5]":{"code":"localhost_not_allowed")",
                        R"("request[6]":{"code":"path_not_allowed")",
                        R"("request[7]":{"code":"wildcard_not_allowed")",
                        R"("socket[0]":{"code":"scheme_not_allowed")", R"("upload":{"code":"invalid_type")",
                        R"("download[0]":{"code":"invalid_type")", R"("webview[0]":{"code":"port_not_allowed")"},
           .not_expected = {"request[0]"}},
          {.name = "an unknown field",
           .method = Method::kPut,
           .url = url,
           .headers = with_if_match(dev, "\"0\""),
           .body = R"({"requests":[]})",
           .expected_status = 400,
           .expected = {R"("requests":{"code":"unknown_field")"}},
          {.name = "valid lists: normalised, duplicates dropped, IDN in punycode",
           .method = Method::kPut,
           .url = url,
           .headers = with_if_match(dev, "\"0\""),
           .body = good.dump(),
           .events = {"app_domains.updated"},
           .audit = {"app_domains.updated"},
           .check =
               [](const http::ClientResponse& r) {
                 CHECK(r.headers.get("ETag") == "\"1\"");
                 const auto j = r.json();
                 CHECK(j["request"] == nlohmann::json::array(
                                          {"https://api.example.com", "https://xn--fsqu00a.xn--0zwm56d:8443"}));
                 CHECK(j["socket"] == nlohmann::json::array({"wss://push.example.com"}));
                 CHECK(j["upload"] == nlohmann::json::array());
                 CHECK(j["revision"] == 1);
               }},
          {.name = "a stale ETag: 412 with the current one",
           .method = Method::kPut,
           .url = declared,
           .headers = with_if_match(dev, "\"0\""),
           .body = R"({"request":[]})",
           .expected_status = 412,
           .expected = {R"("code":"domains.etag_mismatch")", R"("etag":"\"1\"")"}},
          {.name = "the same lists again: no new revision, nothing recorded",
           .method = Method::kPut,
           .url = declared,
           .headers = with_if_match(dev, "\"1\""),
           .body = good.dump(),
           .expected = {R"("revision":1)"}},
          {.name = "If-Match: * replaces whatever is stored",
           .method = Method::kPut,
           .url = declared,
           .headers = with_if_match(dev, "*"),
           .body = R"({"request":["https://only.example.com"]})",
           .expected = {R"("revision":2)", R"("request":["https://only.example.com"])", R"("webview":[])"},
           .events = {"app_domains.updated"},
           .audit = {"app_domains.updated"}},
          {.name = "GET answers what was stored",
           .url = declared,
           .headers = test::bearer(a.owner().token),
           .expected = {R"("webview":["https://h5.example.com"])", R"("revision":1)"}},
      });
}

TEST_CASE("the per-list limit is 20, raised per organisation by an operator", "[api][domains][quotas]") {
  test::World w = test::given() | test::org("A").developer() | test::operators() | test::app("Weather");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;
  nlohmann::json many = nlohmann::json::array();
  for (int i = 0; i < 22; ++i) many.push_back(fmt::format("https://api{}.example.com", i));
  auto r = put_domains(w, app, a.developer().token, "\"0\"", {{"request", many}});
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("request":{"code":"too_many")") != std::string::npos);
  // Duplicates do not count against it.
  nlohmann::json dupes = many;
  dupes.erase(dupes.begin() + 20, dupes.end());
  for (int i = 0; i < 5; ++i) dupes.push_back("https://api1.example.com");
  CHECK(put_domains(w, app, a.developer().token, "\"0\"", {{"request", dupes}}).status == 200);

  auto q = w.call(Method::kPut, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token,
                  {{"maxDomainsPerKind", 25}});
  INFO(q.body);
  REQUIRE(q.status == 200);
  r = put_domains(w, app, a.developer().token, "\"1\"", {{"request", many}});
  INFO(r.body);
  CHECK(r.status == 200);
  CHECK(r.json()["request"].size() == 22);
  // The organisation's usage is its longest list.
  auto quotas = w.call(Method::kGet, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token);
  CHECK(quotas.body.find("maxDomainsPerKind") != std::string::npos);
}

TEST_CASE("wildcards follow the operator's policy", "[api][domains]") {
  test::TestServerOptions options;
  options.configure = [](core::Config& c) { c.set("domains.allowWildcards", true); };
  test::World w = test::given(options) | test::org("A").developer() | test::app("Weather");
  const auto app = w.app("Weather").id;
  auto r = put_domains(w, app, w.org("A").developer().token, "*",
                       {{"request", {"https://*.cdn.example.com", "https://*.com"}}});
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("request[1]":{"code":"wildcard_too_broad")") != std::string::npos);
  CHECK(r.body.find("request[0]") == std::string::npos);
  r = put_domains(w, app, w.org("A").developer().token, "*", {{"request", {"https://*.cdn.example.com"}}});
  CHECK(r.status == 200);
}

TEST_CASE("platform whitelist and blocklist", "[api][domains][platform]") {
  // Weather declares hosts under evil.example and shady.example; the whitelist holds
  // cdn.platform.example and the blocklist evil.example (added after the declaration).
  test::World w = test::given() | test::org("A").developer() | test::operators() | test::app("Weather") |
                  test::app("Other") | [](test::World& world) {
                    REQUIRE(put_domains(world, world.app("Weather").id, world.org("A").developer().token, "\"0\"",
                                        {{"request", {"https://api.evil.example", "https://ok.example.com",
                                                      "https://www.shady.example"}},
                                         {"download", {"https://cdn.evil.example:8443"}}})
                                .status == 200);
                    const auto ops = world.platform_admin().token;
                    REQUIRE(world.call(Method::kPost, "/api/v1/platform/domain-whitelist", ops,
                                       {{"host", "cdn.platform.example"}})
                                .status == 201);
                    REQUIRE(world.call(Method::kPost, "/api/v1/platform/domain-blocklist", ops,
                                       {{"host", "evil.example"}})
                                .status == 201);
                  };
  const auto app = w.app("Weather").id;
  const auto dev = w.org("A").developer().token;
  const auto ops = w.platform_admin().token;
  test::run_scenarios(
      w.server,
      {
          {.name = "whitelist: an IP is refused at host",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-whitelist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"10.0.0.1"})",
           .expected_status = 400,
           .expected = {R"("host":{"code":"ip_literal")"}},
          {.name = "whitelist: an unknown channel",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-whitelist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"cdn.platform.example","kinds":["request","ftp"]})",
           .expected_status = 400,
           .expected = {R"("kinds[1]":{"code":"unknown_value")"}},
          {.name = "whitelist: added for two channels",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-whitelist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"STATIC.platform.example","kinds":["request","download"],"note":"our CDN"})",
           .expected_status = 201,
           .expected = {R"("host":"static.platform.example")", R"("kinds":["request","download"])"},
           .events = {"platform_domains.added"},
           .audit = {"platform_domains.added"}},
          {.name = "whitelist: twice is a conflict",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-whitelist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"cdn.platform.example"})",
           .expected_status = 409,
           .expected = {R"("code":"domains.list_entry_exists")"}},
          {.name = "whitelist: a reviewer reads it",
           .url = "/api/v1/platform/domain-whitelist",
           .headers = test::bearer(w.reviewer().token),
           .expected = {R"("host":"cdn.platform.example")", R"("total":1)"}},
          {.name = "blocklist: no wildcard (an entry covers the names below it)",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-blocklist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"*.evil.example"})",
           .expected_status = 400,
           .expected = {R"("host":{"code":"wildcard_not_allowed")"}},
          {.name = "blocklist: adding flags the mini-programs that declare a covered host",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-blocklist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"shady.example","note":"phishing"})",
           .expected_status = 201,
           .events = {"platform_domains.added", "app_domains.blocked"},
           .audit = {"platform_domains.added"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto j = r.json();
                 REQUIRE(j["flaggedApps"].size() == 1);
                 CHECK(j["flaggedApps"][0]["appId"] == app);
                 CHECK(j["flaggedApps"][0]["values"] == nlohmann::json::array({"request: https://www.shady.example"}));
               }},
          {.name = "blocklist: an entry no mini-program declares flags none",
           .method = Method::kPost,
           .url = "/api/v1/platform/domain-blocklist",
           .headers = test::bearer_json(ops),
           .body = R"({"host":"nobody.example"})",
           .expected_status = 201,
           .expected = {R"("flaggedApps":[])"},
           .events = {"platform_domains.added"},
           .audit = {"platform_domains.added"}},
          {.name = "the flagged mini-programs, for operators",
           .url = "/api/v1/platform/flagged-domains",
           .headers = test::bearer(ops),
           .expected = {app, R"("blockedHost":"evil.example")", R"("total":1)"},
           .check =
               [](const http::ClientResponse& r) {
                 CHECK(r.json()["items"][0]["values"] ==
                       nlohmann::json::array({"download: https://cdn.evil.example:8443",
                                              "request: https://api.evil.example"}));
               }},
          {.name = "a whitelist entry is removed",
           .method = Method::kDelete,
           .url = "/api/v1/platform/domain-whitelist/cdn.platform.example",
           .headers = test::bearer(ops),
           .expected_status = 204,
           .events = {"platform_domains.removed"},
           .audit = {"platform_domains.removed"}},
          {.name = "removing an unknown entry",
           .method = Method::kDelete,
           .url = "/api/v1/platform/domain-whitelist/unknown.platform.example",
           .headers = test::bearer(ops),
           .expected_status = 404,
           .expected = {R"("code":"domains.list_entry_not_found")"}},
      });
  // A declaration naming a blocked host is refused at its path.
  const auto other = w.app("Other").id;
  auto r = put_domains(w, other, dev, "\"0\"", {{"request", {"https://ok.example.com", "https://x.api.evil.example"}}});
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("request[1]":{"code":"blocked")") != std::string::npos);
}

TEST_CASE("the runtime answer carries the effective lists and changes with them", "[api][domains][runtime]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::operators() |
                  test::app("Weather").released("1.0.0") | test::host_app("Super App").serving("Weather");
  const auto app = w.app("Weather").id;
  const auto& host = w.host_app("Super App");
  const auto target = "/runtime/v1/apps/" + app + "?uid=u1";
  auto first = test::await_runtime(w, target, host, 200);
  REQUIRE(first.status == 200);
  CHECK(first.json()["domains"]["request"] == nlohmann::json::array());
  const auto etag_before = std::string(first.headers.get("ETag").value_or(""));

  const auto ops = w.platform_admin().token;
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/domain-whitelist", ops,
                 {{"host", "cdn.platform.example"}, {"kinds", {"download", "socket"}}})
              .status == 201);
  const auto dev = w.org("A").developer().token;
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(put_domains(w, app, dev, etag_of(w, app, dev),
                      {{"request", {"https://api.example.com", "https://api.bad.example"}},
                       {"webview", {"https://h5.example.com"}}})
              .status == 200);
  auto r = test::await_runtime(w, target, host, 200, "api.bad.example");
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  WARN("runtime saw the new lists " << waited << " ms after the PUT was sent");
  INFO(r.body);
  const auto d = r.json()["domains"];
  CHECK(d["request"] == nlohmann::json::array({"https://api.example.com", "https://api.bad.example"}));
  CHECK(d["download"] == nlohmann::json::array({"https://cdn.platform.example"}));
  CHECK(d["socket"] == nlohmann::json::array({"wss://cdn.platform.example"}));
  CHECK(d["upload"] == nlohmann::json::array());
  CHECK(std::string(r.headers.get("ETag").value_or("")) != etag_before);

  // Blocking a declared host takes it out of what the SDK is handed.
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/domain-blocklist", ops, {{"host", "bad.example"}}).status == 201);
  bool gone = false;
  for (int i = 0; i < 300 && !gone; ++i) {
    r = test::runtime_get(w, target, host);
    gone = r.status == 200 && r.body.find("api.bad.example") == std::string::npos;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(gone);
  CHECK(r.json()["domains"]["request"] == nlohmann::json::array({"https://api.example.com"}));
}
