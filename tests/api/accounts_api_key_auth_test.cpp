// Authenticating with `Bearer cove_sk_…` through the real pipeline: scopes bounded by the
// creator's current role, "self" routes refused, tenancy, expiry, revocation, rotation grace, IP
// allow-lists and the per-key rate limit.
#include <catch2/catch.hpp>

#include "api/accounts_api_key_world.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using namespace cove::test::keys;

TEST_CASE("a key can do what its scopes allow and nothing more", "[api][keys]") {
  KeyWorld w;
  const auto key = w.create_key(w.owner, {{"name", "reader"}, {"scopes", {"apps:read"}}});
  const auto secret = key["secret"].get<std::string>();

  auto r = w.with_key(secret, Method::kGet, "/api/v1/key-probe/orgs/" + w.org_a + "/read");
  REQUIRE(r.status == 200);
  CHECK(r.json()["principal"] == key["id"]);
  CHECK(r.json()["org"] == w.org_a);
  CHECK(w.probe(secret, "write", Method::kPost) == 403);
  CHECK(w.probe(secret, "members", Method::kPost) == 403);  // a members:manage route
  CHECK(w.with_key(secret, Method::kPost, "/api/v1/orgs/" + w.org_a + "/members").status == 403);
  // Keys are not people: "self" routes refuse them.
  CHECK(w.with_key(secret, Method::kGet, "/api/v1/key-probe/self").status == 403);
  CHECK(w.with_key(secret, Method::kGet, "/api/v1/me").status == 403);
  // Keys cannot manage keys, not even their own organisation's.
  CHECK(w.with_key(secret, Method::kGet, w.keys_url()).status == 403);
  // Another organisation's resources do not exist for this key.
  CHECK(w.with_key(secret, Method::kGet, "/api/v1/key-probe/orgs/" + w.org_b + "/read").status == 404);
  CHECK(w.with_key(secret, Method::kGet, w.keys_url(w.org_b)).status == 404);
  // A near miss of the secret is no key at all.
  auto wrong = secret;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  CHECK(w.with_key(wrong, Method::kGet, "/api/v1/key-probe/orgs/" + w.org_a + "/read").status == 401);

  // Use is tracked for the list.
  auto item = w.server.client().get(w.keys_url(), test::bearer(w.owner.token)).json()["items"][0];
  CHECK(item["lastUsedAt"].is_string());
  CHECK(item["lastUsedIp"] == "127.0.0.1");
}

TEST_CASE("a key never holds more than its creator holds today", "[api][keys]") {
  KeyWorld w;
  const auto key =
      w.create_key(w.admin, {{"name", "deploy"}, {"scopes", {"apps:read", "apps:write", "members:manage"}}});
  const auto secret = key["secret"].get<std::string>();
  CHECK(w.probe(secret, "write", Method::kPost) == 200);
  CHECK(w.probe(secret, "members", Method::kPost) == 200);

  const std::string set_role = "UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?";
  run_sql(w.server, set_role, {"viewer", w.org_a, w.admin.id});
  CHECK(w.probe(secret, "write", Method::kPost) == 403);
  CHECK(w.probe(secret, "members", Method::kPost) == 403);
  CHECK(w.probe(secret, "read") == 200);

  run_sql(w.server, set_role, {"developer", w.org_a, w.admin.id});
  CHECK(w.probe(secret, "write", Method::kPost) == 200);

  // A disabled creator leaves the key powerless.
  run_sql(w.server, "UPDATE users SET status = 'disabled' WHERE id = ?", {w.admin.id});
  CHECK(w.probe(secret, "read") == 403);
}

TEST_CASE("expired and revoked keys are refused", "[api][keys]") {
  test::ManualClock clock;
  test::TestServerOptions options;
  options.clock = &clock;
  KeyWorld w(std::move(options));
  const auto short_lived =
      w.create_key(w.owner, {{"name", "short"}, {"scopes", {"apps:read"}}, {"expiresInDays", 1}});
  const auto revoked = w.create_key(w.owner, {{"name", "revoked"}, {"scopes", {"apps:read"}}});
  const auto short_secret = short_lived["secret"].get<std::string>();
  const auto revoked_secret = revoked["secret"].get<std::string>();
  CHECK(w.probe(short_secret, "read") == 200);
  CHECK(w.probe(revoked_secret, "read") == 200);

  auto client = w.server.client();
  REQUIRE(client
              .request(Method::kDelete, w.keys_url() + "/" + revoked["id"].get<std::string>(),
                       test::bearer(w.owner.token))
              .status == 204);
  CHECK(w.probe(revoked_secret, "read") == 401);
  // Revoking twice changes nothing and is not an error.
  CHECK(client
            .request(Method::kDelete, w.keys_url() + "/" + revoked["id"].get<std::string>(),
                     test::bearer(w.owner.token))
            .status == 204);
  CHECK(count_rows(w.server, "SELECT count(*) FROM audit_log WHERE action = ?", "api_key.revoked") == 1);
  auto r = client.request(Method::kPost, w.keys_url() + "/" + revoked["id"].get<std::string>() + "/rotate",
                          test::bearer_json(w.owner.token), R"({"graceHours":1})");
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "api_keys.revoked");

  clock.advance(std::chrono::hours(24) - std::chrono::seconds(1));
  CHECK(w.probe(short_secret, "read") == 200);
  clock.advance(std::chrono::seconds(2));
  CHECK(w.probe(short_secret, "read") == 401);

  const auto owner_token = test::access_token_for(w.server, w.owner.id);  // the fixture's token expired too
  auto list = client.get(w.keys_url() + "?status=expired", test::bearer(owner_token)).json();
  REQUIRE(list["items"].size() == 1);
  CHECK(list["items"][0]["id"] == short_lived["id"]);
  r = client.request(Method::kPost, w.keys_url() + "/" + short_lived["id"].get<std::string>() + "/rotate",
                     test::bearer_json(owner_token), R"({"graceHours":1})");
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "api_keys.expired");
}

TEST_CASE("rotation issues a new secret and keeps the old one only for the grace period", "[api][keys]") {
  test::ManualClock clock;
  test::TestServerOptions options;
  options.clock = &clock;
  KeyWorld w(std::move(options));
  const auto key = w.create_key(w.owner, {{"name", "ci"}, {"scopes", {"apps:read"}}});
  const auto id = key["id"].get<std::string>();
  const auto old_secret = key["secret"].get<std::string>();
  auto client = w.server.client();

  auto r = client.request(Method::kPost, w.keys_url() + "/" + id + "/rotate",
                          test::bearer_json(w.owner.token), R"({"graceHours":2})");
  REQUIRE(r.status == 200);
  const auto rotated = r.json();
  const auto new_secret = rotated["secret"].get<std::string>();
  CHECK(new_secret != old_secret);
  CHECK(rotated["id"] == id);
  CHECK(rotated["prefix"] == new_secret.substr(0, 12));
  CHECK(rotated["previousSecretValidUntil"].is_string());
  CHECK(count_rows(w.server, "SELECT count(*) FROM audit_log WHERE action = ?", "api_key.rotated") == 1);

  CHECK(w.probe(new_secret, "read") == 200);
  CHECK(w.probe(old_secret, "read") == 200);
  clock.advance(std::chrono::hours(2) - std::chrono::seconds(1));
  CHECK(w.probe(old_secret, "read") == 200);
  clock.advance(std::chrono::seconds(2));
  CHECK(w.probe(old_secret, "read") == 401);
  CHECK(w.probe(new_secret, "read") == 200);

  // Without grace the replaced secret stops at once.
  const auto owner_token = test::access_token_for(w.server, w.owner.id);
  r = client.request(Method::kPost, w.keys_url() + "/" + id + "/rotate", test::bearer_json(owner_token),
                     R"({"graceHours":0})");
  REQUIRE(r.status == 200);
  CHECK(r.json()["previousSecretValidUntil"].is_null());
  CHECK(w.probe(new_secret, "read") == 401);
  CHECK(w.probe(r.json()["secret"].get<std::string>(), "read") == 200);
}

TEST_CASE("an API key's IP allow-list is enforced", "[api][keys]") {
  KeyWorld w;  // the test client connects from 127.0.0.1
  const auto elsewhere =
      w.create_key(w.owner, {{"name", "office"}, {"scopes", {"apps:read"}}, {"allowedIps", {"10.0.0.0/8"}}});
  const auto local = w.create_key(
      w.owner, {{"name", "local"}, {"scopes", {"apps:read"}}, {"allowedIps", {"10.0.0.0/8", "127.0.0.0/8"}}});
  const auto exact =
      w.create_key(w.owner, {{"name", "exact"}, {"scopes", {"apps:read"}}, {"allowedIps", {"127.0.0.1"}}});
  CHECK(w.probe(elsewhere["secret"].get<std::string>(), "read") == 401);
  CHECK(w.probe(local["secret"].get<std::string>(), "read") == 200);
  CHECK(w.probe(exact["secret"].get<std::string>(), "read") == 200);
}

TEST_CASE("each API key is rate limited by the platform setting", "[api][keys]") {
  test::TempDir dir;
  {
    // Settings are read when the server starts: store the limit, then start again.
    test::TestServer first({.data_dir = dir.path()});
    first.app().db().write([&](core::Tx& tx) {
      tx.exec(
          R"(INSERT INTO settings(key, value, updated_ms, updated_by) VALUES('security', '{"apiKeyRequestsPerMinute":3}', 0, 'test'))");
    });
  }
  KeyWorld w({.data_dir = dir.path()});
  const auto a =
      w.create_key(w.owner, {{"name", "a"}, {"scopes", {"apps:read"}}})["secret"].get<std::string>();
  const auto b =
      w.create_key(w.owner, {{"name", "b"}, {"scopes", {"apps:read"}}})["secret"].get<std::string>();
  for (int i = 0; i < 3; ++i) CHECK(w.probe(a, "read") == 200);
  auto r = w.with_key(a, Method::kGet, "/api/v1/key-probe/orgs/" + w.org_a + "/read");
  CHECK(r.status == 429);
  CHECK(r.json()["code"] == "rate_limited");
  CHECK(r.json()["details"]["retryAfterSeconds"].get<int>() >= 1);
  // The budget is per key.
  CHECK(w.probe(b, "read") == 200);
}
