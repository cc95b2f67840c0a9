// The runtime API as an SDK sees it: signed requests (each failure code), the released version
// with a verifiable package signature, ETag/304, distinct 404s, the launcher's batch list,
// package downloads with Range, and catalog freshness after a release.
#include <catch2/catch.hpp>

#include "core/ed25519.hpp"
#include "runtime_world.hpp"

using namespace cove;
using cove::http::Method;

namespace {

struct Released {
  test::RuntimeWorld w;
  test::TestHost host;
  std::string app;
  nlohmann::json version;

  Released() {
    app = w.create_app(w.org_a, w.owner.token);
    version = w.upload_ok(app, "1.0.0", w.developer.token);
    REQUIRE(w.release(app, "1.0.0", w.developer.token).status == 200);
    host = w.create_host(w.org_a);
    w.associate(host, app, {"getWallet"});
  }

  std::string url() const { return "/runtime/v1/apps/" + app; }
};

}  // namespace

TEST_CASE("runtime answers the released version with a verifiable signature", "[api][runtime]") {
  Released f;
  auto r = f.w.await_runtime(f.url() + "?uid=u-1&platform=ios&osVersion=17.2", f.host, 200);
  INFO(r.body);
  REQUIRE(r.status == 200);
  const auto j = r.json();
  CHECK(j["appId"] == f.app);
  CHECK(j["version"] == "1.0.0");
  CHECK(j["package"]["sha256"] == f.version["sha256"]);
  CHECK(j["package"]["size"] == f.version["size"]);
  CHECK(j["package"]["url"] == "/runtime/v1/packages/" + f.version["sha256"].get<std::string>());
  CHECK(j["allowedApis"] == nlohmann::json::array({"getWallet"}));
  CHECK(j["privacy"].is_object());

  // The public key is open to anyone; the signature covers the ASCII hex SHA-256.
  auto key = f.w.server.client().get("/runtime/v1/signing-key");
  REQUIRE(key.status == 200);
  CHECK(key.body.starts_with("-----BEGIN PUBLIC KEY-----"));
  CHECK(core::ed25519_verify(key.body, j["package"]["sha256"].get<std::string>(),
                             test::from_base64(j["package"]["signature"].get<std::string>())));

  // ETag: an unchanged answer is a 304 without a body.
  const auto etag = std::string(*r.headers.get("ETag"));
  test::SignOptions o;
  o.extra.set("If-None-Match", etag);
  auto again = f.w.runtime_get(f.url(), f.host, o);
  CHECK(again.status == 304);
  CHECK(again.body.empty());
}

TEST_CASE("runtime refuses bad signatures with precise codes", "[api][runtime][auth]") {
  Released f;
  REQUIRE(f.w.await_runtime(f.url(), f.host, 200).status == 200);
  const auto code_of = [&](const http::ClientResponse& r) {
    INFO(r.body);
    return r.json()["code"].get<std::string>();
  };
  auto client = f.w.server.client();

  CHECK(client.get(f.url()).status == 401);
  CHECK(code_of(client.get(f.url())) == "runtime.unauthenticated");
  test::SignOptions o;
  o.secret = std::string(64, 'a');
  CHECK(code_of(f.w.runtime_get(f.url(), f.host, o)) == "runtime.bad_signature");
  // The target is signed exactly as sent: a changed query breaks the signature.
  o = {};
  o.signed_target = f.url() + "?uid=alice";
  CHECK(code_of(f.w.runtime_get(f.url() + "?uid=mallory", f.host, o)) == "runtime.bad_signature");
  o = {};
  o.skew_seconds = -1000;
  auto skewed = f.w.runtime_get(f.url(), f.host, o);
  CHECK(code_of(skewed) == "runtime.clock_skew");
  CHECK(skewed.json()["details"]["serverTime"].is_number());
  o = {};
  o.bundle_id = "com.evil.clone";
  CHECK(code_of(f.w.runtime_get(f.url(), f.host, o)) == "runtime.bundle_mismatch");
  o = {};
  o.nonce = "short";
  CHECK(code_of(f.w.runtime_get(f.url(), f.host, o)) == "runtime.unauthenticated");
  auto stranger = f.host;
  stranger.sdk_key = "sdk_unknown";
  CHECK(code_of(f.w.runtime_get(f.url(), stranger, {})) == "runtime.unknown_sdk_key");

  // A nonce is good for one request.
  o = {};
  o.nonce = "nonce-0123456789abcdef";
  CHECK(f.w.runtime_get(f.url(), f.host, o).status == 200);
  auto replay = f.w.runtime_get(f.url(), f.host, o);
  CHECK(replay.status == 401);
  CHECK(code_of(replay) == "runtime.replay");

  // Unknown context parameters and oversized values are refused.
  CHECK(f.w.runtime_get(f.url() + "?colour=blue", f.host).status == 400);
  CHECK(f.w.runtime_get(f.url() + "?ctx.tier=" + std::string(300, 'x'), f.host).status == 400);
  CHECK(f.w.runtime_get(f.url() + "?ctx.tier=gold&region=cn-sh", f.host).status == 200);

  // A disabled host app is refused once the catalog has the change.
  f.w.set_host_status(f.host, "disabled");
  auto disabled = f.w.await_runtime(f.url(), f.host, 403);
  CHECK(code_of(disabled) == "runtime.host_app_disabled");
}

TEST_CASE("runtime tells unknown, unassociated, unreleased and offline mini-programs apart",
          "[api][runtime]") {
  Released f;
  const auto draft = f.w.create_app(f.w.org_a, f.w.owner.token, "Draft");
  f.w.associate(f.host, draft);
  const auto unlinked = f.w.create_app(f.w.org_a, f.w.owner.token, "Unlinked");
  REQUIRE(f.w.await_runtime("/runtime/v1/apps/" + draft, f.host, 404, "runtime.not_released").status == 404);
  auto r = f.w.runtime_get("/runtime/v1/apps/app_nope", f.host);
  CHECK(r.json()["code"] == "runtime.app_not_found");
  r = f.w.runtime_get("/runtime/v1/apps/" + unlinked, f.host);
  CHECK(r.json()["code"] == "runtime.not_associated");

  REQUIRE(f.w.call(Method::kPost, "/api/v1/apps/" + f.app + "/offline", f.w.developer.token).status == 200);
  r = f.w.await_runtime(f.url(), f.host, 404, "runtime.app_offline");
  CHECK(r.json()["code"] == "runtime.app_offline");
  // Its package is no longer served either.
  CHECK(f.w.runtime_get("/runtime/v1/packages/" + f.version["sha256"].get<std::string>(), f.host).status ==
        404);
}

TEST_CASE("a release reaches the runtime as soon as its event is handled", "[api][runtime][freshness]") {
  Released f;
  REQUIRE(f.w.await_runtime(f.url(), f.host, 200, R"("version":"1.0.0")").status == 200);
  f.w.upload_ok(f.app, "1.1.0", f.w.developer.token);
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(f.w.release(f.app, "1.1.0", f.w.developer.token).status == 200);
  auto r = f.w.await_runtime(f.url(), f.host, 200, R"("version":"1.1.0")");
  const auto waited =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
          .count();
  INFO("release visible to the runtime after " << waited << " ms (budget 100 ms; measured, not asserted)");
  CHECK(r.json()["version"] == "1.1.0");
  // Rollback is just as visible.
  REQUIRE(f.w.call(Method::kPost, "/api/v1/apps/" + f.app + "/versions/1.0.0/rollback", f.w.developer.token)
              .status == 200);
  CHECK(f.w.await_runtime(f.url(), f.host, 200, R"("version":"1.0.0")").json()["version"] == "1.0.0");
}

TEST_CASE("runtime lists a host app's mini-programs and serves their packages", "[api][runtime][packages]") {
  Released f;
  const auto second = f.w.create_app(f.w.org_a, f.w.owner.token, "Second");
  f.w.upload_ok(second, "2.0.0", f.w.developer.token);
  REQUIRE(f.w.release(second, "2.0.0", f.w.developer.token).status == 200);
  f.w.associate(f.host, second);
  const auto other_host = f.w.create_host(f.w.org_a, "com.acme.other");

  REQUIRE(f.w.await_runtime("/runtime/v1/apps/" + second, f.host, 200).status == 200);
  auto page = f.w.runtime_get("/runtime/v1/apps?limit=1", f.host);
  REQUIRE(page.status == 200);
  REQUIRE(page.json()["items"].size() == 1);
  REQUIRE(page.json()["nextCursor"].is_string());
  auto rest = f.w.runtime_get(
      "/runtime/v1/apps?limit=1&cursor=" + page.json()["nextCursor"].get<std::string>(), f.host);
  REQUIRE(rest.json()["items"].size() == 1);
  CHECK(rest.json()["nextCursor"].is_null());
  CHECK(page.json()["items"][0]["appId"] != rest.json()["items"][0]["appId"]);
  CHECK(f.w.runtime_get("/runtime/v1/apps?limit=0", f.host).status == 400);

  const auto sha = f.version["sha256"].get<std::string>();
  const auto url = "/runtime/v1/packages/" + sha;
  auto pkg = f.w.runtime_get(url, f.host);
  REQUIRE(pkg.status == 200);
  CHECK(core::crypto::sha256_hex(pkg.body) == sha);
  CHECK(pkg.headers.get("Cache-Control") == "public, max-age=31536000, immutable");
  test::SignOptions o;
  o.extra.set("Range", "bytes=0-3");
  auto part = f.w.runtime_get(url, f.host, o);
  CHECK(part.status == 206);
  CHECK(part.body == "PK\x03\x04");
  // Only packages the host app may run.
  CHECK(f.w.runtime_get(url, other_host).status == 404);
  CHECK(f.w.runtime_get("/runtime/v1/packages/" + std::string(64, 'a'), f.host).status == 404);
  CHECK(f.w.runtime_get("/runtime/v1/packages/..%2f..%2fcove.db", f.host).status == 404);
  CHECK(f.w.server.client().get(url).status == 401);
}
