// The runtime API as an SDK sees it: signed requests (each failure code), the released version
// with a verifiable package signature, ETag/304, distinct 404s, the launcher's batch list,
// package downloads with Range, and catalog freshness after a release.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "core/ed25519.hpp"
#include "runtime_sdk.hpp"

using namespace cove;
using cove::http::Method;

namespace {

// Org A's mini-program "Weather" with 1.0.0 released, served to the host app "Super App" with its
// custom API getWallet granted.
test::Given released() {
  return test::given() | test::org("A").owner().developer() | test::app("Weather").released("1.0.0") |
         test::host_app("Super App").apis({"getWallet"}).serving("Weather", {"getWallet"});
}

}  // namespace

TEST_CASE("runtime answers the released version with a verifiable signature", "[api][runtime]") {
  test::World w = released();
  const auto& host = w.host_app("Super App");
  const auto app = w.app("Weather").id;
  const auto& version = w.app("Weather").versions["1.0.0"];
  const auto app_url = "/runtime/v1/apps/" + app;
  auto r = test::await_runtime(w, app_url + "?uid=u-1&platform=ios&osVersion=17.2", host, 200);
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto j = r.json();
  CHECK(j["appId"] == app);
  CHECK(j["version"] == "1.0.0");
  CHECK(j["package"]["sha256"] == version["sha256"]);
  CHECK(j["package"]["size"] == version["size"]);
  CHECK(j["package"]["url"] == "/runtime/v1/packages/" + version["sha256"].get<std::string>());
  CHECK(j["allowedApis"] == nlohmann::json::array({"getWallet"}));
  CHECK(j["privacy"].is_object());

  // The public key is open to anyone; the signature covers the ASCII hex SHA-256.
  auto key = w.server.client().get("/runtime/v1/signing-key");
  REQUIRE(key.status == 200);
  CHECK(key.body.starts_with("-----BEGIN PUBLIC KEY-----"));
  CHECK(core::ed25519_verify(key.body, j["package"]["sha256"].get<std::string>(),
                             test::from_base64(j["package"]["signature"].get<std::string>())));

  // ETag: an unchanged answer is a 304 without a body.
  const auto etag = std::string(*r.headers.get("ETag"));
  test::SignOptions o;
  o.extra.set("If-None-Match", etag);
  auto again = test::runtime_get(w, app_url, host, o);
  CHECK(again.status == 304);
  CHECK(again.body.empty());
}

TEST_CASE("runtime refuses bad signatures with precise codes", "[api][runtime][auth]") {
  test::World w = released();
  const auto& host = w.host_app("Super App");
  const auto app = w.app("Weather").id;
  const auto app_url = "/runtime/v1/apps/" + app;
  REQUIRE(test::await_runtime(w, app_url, host, 200).status == 200);
  const auto code_of = [&](const http::ClientResponse& r) {
    INFO(r.body);
    return r.json()["code"].get<std::string>();
  };
  auto client = w.server.client();

  CHECK(client.get(app_url).status == 401);
  CHECK(code_of(client.get(app_url)) == "runtime.unauthenticated");
  test::SignOptions o;
  o.secret = std::string(64, 'a');
  CHECK(code_of(test::runtime_get(w, app_url, host, o)) == "runtime.bad_signature");
  // The target is signed exactly as sent: a changed query breaks the signature.
  o = {};
  o.signed_target = app_url + "?uid=alice";
  CHECK(code_of(test::runtime_get(w, app_url + "?uid=mallory", host, o)) == "runtime.bad_signature");
  o = {};
  o.skew_seconds = -1000;
  auto skewed = test::runtime_get(w, app_url, host, o);
  CHECK(code_of(skewed) == "runtime.clock_skew");
  CHECK(skewed.json()["details"]["serverTime"].is_number());
  o = {};
  o.bundle_id = "com.evil.clone";
  CHECK(code_of(test::runtime_get(w, app_url, host, o)) == "runtime.bundle_mismatch");
  o = {};
  o.nonce = "short";
  CHECK(code_of(test::runtime_get(w, app_url, host, o)) == "runtime.unauthenticated");
  auto stranger = host;
  stranger.sdk_key = "sdk_unknown";
  CHECK(code_of(test::runtime_get(w, app_url, stranger, {})) == "runtime.unknown_sdk_key");

  // A nonce is good for one request.
  o = {};
  o.nonce = "nonce-0123456789abcdef";
  CHECK(test::runtime_get(w, app_url, host, o).status == 200);
  auto replay = test::runtime_get(w, app_url, host, o);
  CHECK(replay.status == 401);
  CHECK(code_of(replay) == "runtime.replay");

  // Unknown context parameters and oversized values are refused.
  CHECK(test::runtime_get(w, app_url + "?colour=blue", host).status == 400);
  CHECK(test::runtime_get(w, app_url + "?ctx.tier=" + std::string(300, 'x'), host).status == 400);
  CHECK(test::runtime_get(w, app_url + "?ctx.tier=gold&region=cn-sh", host).status == 200);

  // A disabled host app is refused once the catalog has the change.
  test::set_host_status(w, host, "disabled");
  auto disabled = test::await_runtime(w, app_url, host, 403);
  CHECK(code_of(disabled) == "runtime.host_app_disabled");
}

TEST_CASE("runtime tells unknown, unassociated, unreleased and offline mini-programs apart",
          "[api][runtime]") {
  test::World w = released();
  auto& a = w.org("A");
  const auto& host = w.host_app("Super App");
  const auto app = w.app("Weather").id;
  const auto& version = w.app("Weather").versions["1.0.0"];
  const auto app_url = "/runtime/v1/apps/" + app;
  w | test::app("Draft") | test::app("Unlinked");
  const auto draft = w.app("Draft").id;
  const auto unlinked = w.app("Unlinked").id;
  test::associate(w, host, draft);
  REQUIRE(test::await_runtime(w, "/runtime/v1/apps/" + draft, host, 404, "runtime.not_released").status ==
          404);
  auto r = test::runtime_get(w, "/runtime/v1/apps/app_nope", host);
  CHECK(r.json()["code"] == "runtime.app_not_found");
  r = test::runtime_get(w, "/runtime/v1/apps/" + unlinked, host);
  CHECK(r.json()["code"] == "runtime.not_associated");

  REQUIRE(w.call(Method::kPost, "/api/v1/apps/" + app + "/offline", a.developer().token).status == 200);
  r = test::await_runtime(w, app_url, host, 404, "runtime.app_offline");
  CHECK(r.json()["code"] == "runtime.app_offline");
  // Its package is no longer served either.
  CHECK(test::runtime_get(w, "/runtime/v1/packages/" + version["sha256"].get<std::string>(), host).status ==
        404);
}

TEST_CASE("a release reaches the runtime as soon as its event is handled", "[api][runtime][freshness]") {
  test::World w = released();
  auto& a = w.org("A");
  const auto& host = w.host_app("Super App");
  const auto app = w.app("Weather").id;
  const auto app_url = "/runtime/v1/apps/" + app;
  REQUIRE(test::await_runtime(w, app_url, host, 200, R"("version":"1.0.0")").status == 200);
  test::upload_ok(w, app, "1.1.0", a.developer().token);
  test::approve_version(w, app, "1.1.0", a.developer().token);
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(test::release(w, app, "1.1.0", a.developer().token).status == 200);
  auto r = test::await_runtime(w, app_url, host, 200, R"("version":"1.1.0")");
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count();
  INFO("release visible to the runtime after " << waited << " ms (budget 100 ms; measured, not asserted)");
  CHECK(r.json()["version"] == "1.1.0");
  // Rollback is just as visible.
  REQUIRE(
      w.call(Method::kPost, "/api/v1/apps/" + app + "/versions/1.0.0/rollback", a.developer().token).status ==
      200);
  CHECK(test::await_runtime(w, app_url, host, 200, R"("version":"1.0.0")").json()["version"] == "1.0.0");
}

TEST_CASE("runtime lists a host app's mini-programs and serves their packages", "[api][runtime][packages]") {
  test::World w = released();
  const auto& host = w.host_app("Super App");
  const auto& version = w.app("Weather").versions["1.0.0"];
  w | test::app("Second").released("2.0.0") | test::host_app("Other").bundle("com.acme.other");
  const auto second = w.app("Second").id;
  test::associate(w, host, second);
  const auto& other_host = w.host_app("Other");

  REQUIRE(test::await_runtime(w, "/runtime/v1/apps/" + second, host, 200).status == 200);
  auto page = test::runtime_get(w, "/runtime/v1/apps?limit=1", host);
  REQUIRE(page.status == 200);
  REQUIRE(page.json()["items"].size() == 1);
  REQUIRE(page.json()["nextCursor"].is_string());
  auto rest = test::runtime_get(
      w, "/runtime/v1/apps?limit=1&cursor=" + page.json()["nextCursor"].get<std::string>(), host);
  REQUIRE(rest.json()["items"].size() == 1);
  CHECK(rest.json()["nextCursor"].is_null());
  CHECK(page.json()["items"][0]["appId"] != rest.json()["items"][0]["appId"]);
  CHECK(test::runtime_get(w, "/runtime/v1/apps?limit=0", host).status == 400);

  const auto sha = version["sha256"].get<std::string>();
  const auto url = "/runtime/v1/packages/" + sha;
  auto pkg = test::runtime_get(w, url, host);
  REQUIRE(pkg.status == 200);
  CHECK(core::crypto::sha256_hex(pkg.body) == sha);
  CHECK(pkg.headers.get("Cache-Control") == "public, max-age=31536000, immutable");
  test::SignOptions o;
  o.extra.set("Range", "bytes=0-3");
  auto part = test::runtime_get(w, url, host, o);
  CHECK(part.status == 206);
  CHECK(part.body == "PK\x03\x04");
  // Only packages the host app may run.
  CHECK(test::runtime_get(w, url, other_host).status == 404);
  CHECK(test::runtime_get(w, "/runtime/v1/packages/" + std::string(64, 'a'), host).status == 404);
  CHECK(test::runtime_get(w, "/runtime/v1/packages/..%2f..%2fcove.db", host).status == 404);
  CHECK(w.server.client().get(url).status == 401);
}
