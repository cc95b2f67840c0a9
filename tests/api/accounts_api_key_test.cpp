// API keys end to end: the management routes (create, list, revoke, rotate) and authenticating
// with `Bearer cove_sk_…` through the real pipeline — scopes bounded by the creator's current
// role, expiry, revocation, rotation grace, IP allow-lists, per-key rate limits, tenancy.
#include <regex>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "modules/accounts/api_key_service.hpp"
#include "modules/module.hpp"
#include "support/accounts_fixture.hpp"
#include "support/manual_clock.hpp"
#include "support/scenario.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using cove::http::Method;

namespace {

// Routes that only check permissions, so a key's power is observable without other modules.
class KeyProbeModule final : public modules::Module {
 public:
  std::string_view name() const override { return "key-probe"; }
  void register_routes(http::Router& router) override {
    auto answer = [](http::Request& req) {
      return http::Response::json(200, {{"principal", req.principal->id}, {"org", req.org_id}});
    };
    auto orgs = router.group("/api/v1/key-probe/orgs/{orgId}");
    orgs.get("/read", answer).permission("apps:read");
    orgs.post("/write", answer).permission("apps:write");
    orgs.post("/members", answer).permission("members:manage");
    router.group("/api/v1/key-probe").get("/self", answer).permission("self");
  }
};

test::TestServerOptions with_probe(test::TestServerOptions options = {}) {
  options.modules = [] {
    std::vector<std::unique_ptr<modules::Module>> v;
    v.push_back(std::make_unique<KeyProbeModule>());
    return v;
  };
  return options;
}

// Org A with one member of each role, and org B with its own owner.
struct KeyWorld {
  explicit KeyWorld(test::TestServerOptions options = {}) : server(with_probe(std::move(options))) {
    org_a = test::create_org(server, "Org A");
    org_b = test::create_org(server, "Org B");
    owner = test::create_user(server, "owner@a.example");
    admin = test::create_user(server, "admin@a.example");
    developer = test::create_user(server, "dev@a.example");
    viewer = test::create_user(server, "viewer@a.example");
    owner_b = test::create_user(server, "owner@b.example");
    test::add_member(server, org_a, owner.id, "owner");
    test::add_member(server, org_a, admin.id, "admin");
    test::add_member(server, org_a, developer.id, "developer");
    test::add_member(server, org_a, viewer.id, "viewer");
    test::add_member(server, org_b, owner_b.id, "owner");
  }

  std::string keys_url(const std::string& org = "") const { return "/api/v1/orgs/" + (org.empty() ? org_a : org) + "/api-keys"; }

  // Creates a key through the API and returns the 201 body (with the secret).
  nlohmann::json create_key(const test::TestUser& as, nlohmann::json body) {
    auto r = server.client().request(Method::kPost, keys_url(), test::bearer_json(as.token), body.dump());
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
  }

  http::ClientResponse with_key(const std::string& secret, Method m, const std::string& url) {
    return server.client().request(m, url, test::bearer_json(secret), m == Method::kGet ? "" : "{}");
  }
  int probe(const std::string& secret, const std::string& what, Method m = Method::kGet) {
    return with_key(secret, m, "/api/v1/key-probe/orgs/" + org_a + "/" + what).status;
  }

  test::TestServer server;
  std::string org_a, org_b;
  test::TestUser owner, admin, developer, viewer, owner_b;
};

void set_role(test::TestServer& server, const std::string& org, const std::string& user, const std::string& role) {
  server.app().db().write([&](core::Tx& tx) {
    auto& st = tx.prepare("UPDATE org_members SET role = ? WHERE org_id = ? AND user_id = ?");
    st.bind(1, role);
    st.bind(2, org);
    st.bind(3, user);
    st.exec();
  });
}

std::int64_t count_rows(test::TestServer& server, const std::string& sql, const std::string& arg) {
  return server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(sql);
    st.bind(1, arg);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}

}  // namespace

TEST_CASE("API key management routes: who may call them and what they validate", "[api][keys]") {
  KeyWorld w;
  const auto url = w.keys_url();
  const std::string good = R"({"name":"ci","scopes":["apps:read","apps:write"]})";
  test::run_scenarios(w.server, {
      {.name = "anonymous is 401", .method = Method::kPost, .url = url, .body = good, .expected_status = 401,
       .expected = {R"("code":"unauthenticated")"}},
      {.name = "a viewer lacks keys:manage", .method = Method::kPost, .url = url,
       .headers = test::bearer_json(w.viewer.token), .body = good, .expected_status = 403},
      {.name = "a developer lacks keys:manage", .url = url, .headers = test::bearer(w.developer.token),
       .expected_status = 403},
      {.name = "another organisation's owner gets 404", .method = Method::kPost, .url = url,
       .headers = test::bearer_json(w.owner_b.token), .body = good, .expected_status = 404},
      {.name = "an unknown organisation is 404", .url = "/api/v1/orgs/org_nope/api-keys",
       .headers = test::bearer(w.owner.token), .expected_status = 404},
      {.name = "missing fields, unknown fields and bad values are reported together", .method = Method::kPost,
       .url = url, .headers = test::bearer_json(w.owner.token),
       .body = R"({"nmae":"x","expiresInDays":366,"allowedIps":"10.0.0.0/8"})", .expected_status = 400,
       .expected = {R"("code":"validation_failed")", R"("name":{"code":"required")",
                    R"("scopes":{"code":"required")", R"("nmae":{"code":"unknown_field")",
                    R"("expiresInDays":{"code":"out_of_range")", R"("allowedIps":{"code":"invalid_type")"}},
      {.name = "an unknown scope", .method = Method::kPost, .url = url, .headers = test::bearer_json(w.owner.token),
       .body = R"({"name":"ci","scopes":["apps:read","apps:destroy"]})", .expected_status = 400,
       .expected = {R"("scopes":{"code":"unknown_scope")"}},
      {.name = "keys cannot be given keys:manage", .method = Method::kPost, .url = url,
       .headers = test::bearer_json(w.owner.token), .body = R"({"name":"ci","scopes":["keys:manage"]})",
       .expected_status = 400, .expected = {R"("scopes":{"code":"not_allowed")"}},
      {.name = "an empty scope list", .method = Method::kPost, .url = url, .headers = test::bearer_json(w.owner.token),
       .body = R"({"name":"ci","scopes":[]})", .expected_status = 400, .expected = {R"("scopes":{"code":"required")"}},
      {.name = "a malformed IP range", .method = Method::kPost, .url = url, .headers = test::bearer_json(w.owner.token),
       .body = R"({"name":"ci","scopes":["apps:read"],"allowedIps":["10.0.0.0/33"]})", .expected_status = 400,
       .expected = {R"("allowedIps":{"code":"invalid_ip")"}},
      {.name = "more than 20 IP ranges", .method = Method::kPost, .url = url, .headers = test::bearer_json(w.owner.token),
       .body = nlohmann::json{{"name", "ci"}, {"scopes", {"apps:read"}},
                              {"allowedIps", std::vector<std::string>(21, "10.0.0.1")}}.dump(),
       .expected_status = 400, .expected = {R"("allowedIps":{"code":"too_many")"}},
      {.name = "a bad list cursor", .url = url + "?cursor=not-a-cursor", .headers = test::bearer(w.owner.token),
       .expected_status = 400, .expected = {R"("cursor":{"code":"invalid")"}},
      {.name = "a bad status filter", .url = url + "?status=sleeping", .headers = test::bearer(w.owner.token),
       .expected_status = 400, .expected = {R"("status":{"code":"invalid")"}},
      {.name = "rotating needs a grace period within 0..24 hours", .method = Method::kPost,
       .url = url + "/key_x/rotate", .headers = test::bearer_json(w.owner.token), .body = R"({"graceHours":25})",
       .expected_status = 400, .expected = {R"("graceHours":{"code":"out_of_range")"}},
      {.name = "revoking an unknown key", .method = Method::kDelete, .url = url + "/key_nope",
       .headers = test::bearer(w.owner.token), .expected_status = 404, .expected = {R"("code":"api_keys.not_found")"}},
      {.name = "an admin creates a key; the secret is shown once", .method = Method::kPost, .url = url,
       .headers = test::bearer_json(w.admin.token),
       .body = R"({"name":"deploy","scopes":["apps:read","apps:release"],"expiresInDays":30,"allowedIps":["10.0.0.0/8"]})",
       .expected_status = 201,
       .check = [&](const http::ClientResponse& r) {
         const auto j = r.json();
         const auto secret = j["secret"].get<std::string>();
         CHECK(std::regex_match(secret, std::regex("cove_sk_[0-9A-Za-z]{40}")));
         CHECK(j["prefix"] == secret.substr(0, 12));
         CHECK(j["scopes"] == nlohmann::json({"apps:read", "apps:release"}));
         CHECK(j["allowedIps"] == nlohmann::json({"10.0.0.0/8"}));
         CHECK(j["status"] == "active");
         CHECK(j["createdBy"]["id"] == w.admin.id);
         const auto ms = w.server.app().clock().unix_millis();
         CHECK(j["expiresAt"].get<std::string>().substr(0, 10) ==
               core::format_rfc3339_millis(ms + 30LL * 86400 * 1000).substr(0, 10));
       }},
  });
}

TEST_CASE("API keys are stored hashed, listed without secrets, and audited", "[api][keys]") {
  KeyWorld w;
  const auto first = w.create_key(w.owner, {{"name", "first"}, {"scopes", {"apps:read"}}});
  const auto second = w.create_key(w.admin, {{"name", "second"}, {"scopes", {"apps:read", "audit:read"}}});
  const auto secret = first["secret"].get<std::string>();

  CHECK(count_rows(w.server, "SELECT count(*) FROM api_keys WHERE secret_hash = ?", core::crypto::sha256_hex(secret)) == 1);
  CHECK(count_rows(w.server, "SELECT count(*) FROM api_keys WHERE instr(secret_hash || scopes || name || prefix, ?) > 0",
                   secret) == 0);

  auto client = w.server.client();
  auto list = client.get(w.keys_url() + "?limit=1", test::bearer(w.owner.token));
  REQUIRE(list.status == 200);
  CHECK(list.body.find("cove_sk_") != std::string::npos);  // the prefix is shown…
  CHECK(list.body.find(secret) == std::string::npos);       // …never the secret
  CHECK(list.body.find(second["secret"].get<std::string>()) == std::string::npos);
  auto page = list.json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == second["id"]);  // newest first
  CHECK(page["items"][0]["createdBy"]["name"] == "admin");
  CHECK(page["items"][0].contains("secret") == false);
  REQUIRE(page["nextCursor"].is_string());

  page = client.get(w.keys_url() + "?limit=1&cursor=" + page["nextCursor"].get<std::string>(), test::bearer(w.owner.token)).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == first["id"]);
  CHECK(page["nextCursor"].is_null());

  REQUIRE(client.request(Method::kDelete, w.keys_url() + "/" + first["id"].get<std::string>(), test::bearer(w.owner.token)).status == 204);
  page = client.get(w.keys_url() + "?status=revoked", test::bearer(w.owner.token)).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["status"] == "revoked");
  CHECK(page["items"][0]["revokedAt"].is_string());
  page = client.get(w.keys_url() + "?status=active", test::bearer(w.owner.token)).json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == second["id"]);

  // Other organisations never see these keys.
  w.create_key(w.owner, {{"name", "third"}, {"scopes", {"apps:read"}}});
  auto b = client.get(w.keys_url(w.org_b), test::bearer(w.owner_b.token)).json();
  CHECK(b["items"].empty());

  CHECK(count_rows(w.server, "SELECT count(*) FROM audit_log WHERE action = ?", "api_key.created") == 3);
  CHECK(count_rows(w.server, "SELECT count(*) FROM audit_log WHERE action = ?", "api_key.revoked") == 1);
  CHECK(count_rows(w.server, "SELECT count(*) FROM audit_log WHERE instr(COALESCE(before_json, '') || COALESCE(after_json, ''), ?) > 0",
                   secret) == 0);
}

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
  // Keys are not people: "self" routes refuse them.
  CHECK(w.with_key(secret, Method::kGet, "/api/v1/key-probe/self").status == 403);
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
  const auto key = w.create_key(w.admin, {{"name", "deploy"}, {"scopes", {"apps:read", "apps:write", "members:manage"}}});
  const auto secret = key["secret"].get<std::string>();
  CHECK(w.probe(secret, "write", Method::kPost) == 200);
  CHECK(w.probe(secret, "members", Method::kPost) == 200);

  set_role(w.server, w.org_a, w.admin.id, "viewer");
  CHECK(w.probe(secret, "write", Method::kPost) == 403);
  CHECK(w.probe(secret, "members", Method::kPost) == 403);
  CHECK(w.probe(secret, "read") == 200);

  set_role(w.server, w.org_a, w.admin.id, "developer");
  CHECK(w.probe(secret, "write", Method::kPost) == 200);

  // A disabled creator leaves the key powerless.
  w.server.app().db().write([&](core::Tx& tx) {
    auto& st = tx.prepare("UPDATE users SET status = 'disabled' WHERE id = ?");
    st.bind(1, w.admin.id);
    st.exec();
  });
  CHECK(w.probe(secret, "read") == 403);
}

TEST_CASE("expired and revoked keys are refused", "[api][keys]") {
  test::ManualClock clock;
  test::TestServerOptions options;
  options.clock = &clock;
  KeyWorld w(std::move(options));
  const auto short_lived = w.create_key(w.owner, {{"name", "short"}, {"scopes", {"apps:read"}}, {"expiresInDays", 1}});
  const auto revoked = w.create_key(w.owner, {{"name", "revoked"}, {"scopes", {"apps:read"}}});
  const auto short_secret = short_lived["secret"].get<std::string>();
  const auto revoked_secret = revoked["secret"].get<std::string>();
  CHECK(w.probe(short_secret, "read") == 200);
  CHECK(w.probe(revoked_secret, "read") == 200);

  auto client = w.server.client();
  REQUIRE(client.request(Method::kDelete, w.keys_url() + "/" + revoked["id"].get<std::string>(), test::bearer(w.owner.token)).status == 204);
  CHECK(w.probe(revoked_secret, "read") == 401);
  // Revoking twice changes nothing and is not an error.
  CHECK(client.request(Method::kDelete, w.keys_url() + "/" + revoked["id"].get<std::string>(), test::bearer(w.owner.token)).status == 204);
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

  auto r = client.request(Method::kPost, w.keys_url() + "/" + id + "/rotate", test::bearer_json(w.owner.token),
                          R"({"graceHours":2})");
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
  const auto elsewhere = w.create_key(w.owner, {{"name", "office"}, {"scopes", {"apps:read"}}, {"allowedIps", {"10.0.0.0/8"}}});
  const auto local = w.create_key(w.owner, {{"name", "local"}, {"scopes", {"apps:read"}},
                                            {"allowedIps", {"10.0.0.0/8", "127.0.0.0/8"}}});
  const auto exact = w.create_key(w.owner, {{"name", "exact"}, {"scopes", {"apps:read"}}, {"allowedIps", {"127.0.0.1"}}});
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
      tx.exec(R"(INSERT INTO settings(key, value, updated_ms, updated_by) VALUES('security', '{"apiKeyRequestsPerMinute":3}', 0, 'test'))");
    });
  }
  KeyWorld w({.data_dir = dir.path()});
  const auto a = w.create_key(w.owner, {{"name", "a"}, {"scopes", {"apps:read"}}})["secret"].get<std::string>();
  const auto b = w.create_key(w.owner, {{"name", "b"}, {"scopes", {"apps:read"}}})["secret"].get<std::string>();
  for (int i = 0; i < 3; ++i) CHECK(w.probe(a, "read") == 200);
  auto r = w.with_key(a, Method::kGet, "/api/v1/key-probe/orgs/" + w.org_a + "/read");
  CHECK(r.status == 429);
  CHECK(r.json()["code"] == "rate_limited");
  CHECK(r.json()["details"]["retryAfterSeconds"].get<int>() >= 1);
  // The budget is per key.
  CHECK(w.probe(b, "read") == 200);
}

TEST_CASE("a creator can grant only the scopes they hold", "[api][keys]") {
  // Every role with keys:manage holds every key scope today, so the rule is exercised on the
  // service with a principal holding less.
  KeyWorld w;
  auto& app = w.server.app();
  http::Hooks hooks;
  modules::AppContext app_ctx{app.config(), app.db(),    app.blobs(),   app.events(), app.audit(),
                              app.clock(),  app.metrics(), app.secrets(), hooks};
  accounts::SettingsService settings(app.db(), app.audit(), app.clock());
  accounts::QuotaService quotas(settings);
  accounts::Identity identity(app.db(), app.clock(), settings, app.secrets().random_key("jwt-hs256.key"));
  core::SealedBox sealed(app.secrets().random_key("totp-seal.key"));
  accounts::AccountsContext ctx{app_ctx, settings, quotas, identity, sealed, {.log_n = 10}};
  accounts::ApiKeyService service(ctx);

  auto principal = std::make_shared<core::Principal>();
  principal->kind = core::Principal::Kind::kUser;
  principal->id = w.owner.id;
  principal->name = "owner";
  principal->org_permissions[w.org_a] = {"keys:manage", "apps:read"};
  core::Actor actor;
  actor.principal = principal;

  try {
    service.create(actor, w.org_a, {.name = "ci", .scopes = {"apps:read", "apps:write"}});
    FAIL("a scope the creator lacks was granted");
  } catch (const core::Error& e) {
    CHECK(e.code() == "validation_failed");
    CHECK(e.details()["fields"]["scopes"]["code"] == "not_permitted");
  }
  const auto issued = service.create(actor, w.org_a, {.name = "ci", .scopes = {"apps:read", "apps:read"}});
  CHECK(issued.key.scopes == std::vector<std::string>{"apps:read"});

  // A key is never the creator of another key, whatever it holds.
  auto key_principal = std::make_shared<core::Principal>(*principal);
  key_principal->kind = core::Principal::Kind::kApiKey;
  actor.principal = key_principal;
  try {
    service.create(actor, w.org_a, {.name = "child", .scopes = {"apps:read"}});
    FAIL("an API key created a key");
  } catch (const core::Error& e) {
    CHECK(e.status() == 403);
  }
}
