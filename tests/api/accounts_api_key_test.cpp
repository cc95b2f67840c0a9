// API-key management end to end: create, list, revoke and rotate through the routes, who may call
// them, what they validate, how secrets are stored and what the operation log records.
#include <regex>

#include <catch2/catch.hpp>

#include "api/accounts_api_key_world.hpp"
#include "core/crypto.hpp"
#include "modules/accounts/api_key_service.hpp"
#include "modules/accounts/permissions.hpp"
#include "support/scenario.hpp"

using namespace cove;
using namespace cove::test::keys;

TEST_CASE("API key management routes: who may call them and what they validate", "[api][keys]") {
  KeyWorld w;
  const auto url = w.keys_url();
  test::run_scenarios(
      w.server,
      {
          {.name = "an unknown organisation is 404",
           .url = "/api/v1/orgs/org_nope/api-keys",
           .headers = test::bearer(w.owner.token),
           .expected_status = 404},
          {.name = "missing fields, unknown fields and bad values are reported together",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = R"({"nmae":"x","expiresInDays":366,"allowedIps":"10.0.0.0/8"})",
           .expected_status = 400,
           .expected = {R"("code":"validation_failed")", R"("name":{"code":"required")",
                        R"("scopes":{"code":"required")", R"("nmae":{"code":"unknown_field")",
                        R"("expiresInDays":{"code":"out_of_range")",
                        R"("allowedIps":{"code":"invalid_type")"}},
          {.name = "an unknown scope",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = R"({"name":"ci","scopes":["apps:read","apps:destroy"]})",
           .expected_status = 400,
           .expected = {R"("scopes":{"code":"unknown_scope")"}},
          {.name = "keys cannot be given keys:manage",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = R"({"name":"ci","scopes":["keys:manage"]})",
           .expected_status = 400,
           .expected = {R"("scopes":{"code":"not_allowed")"}},
          {.name = "an empty scope list",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = R"({"name":"ci","scopes":[]})",
           .expected_status = 400,
           .expected = {R"("scopes":{"code":"required")"}},
          {.name = "a malformed IP range",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = R"({"name":"ci","scopes":["apps:read"],"allowedIps":["10.0.0.0/33"]})",
           .expected_status = 400,
           .expected = {R"("allowedIps":{"code":"invalid_ip")"}},
          {.name = "more than 20 IP ranges",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.owner.token),
           .body = nlohmann::json{{"name", "ci"},
                                  {"scopes", {"apps:read"}},
                                  {"allowedIps", std::vector<std::string>(21, "10.0.0.1")}}
                       .dump(),
           .expected_status = 400,
           .expected = {R"("allowedIps":{"code":"too_many")"}},
          {.name = "a bad list cursor",
           .url = url + "?cursor=not-a-cursor",
           .headers = test::bearer(w.owner.token),
           .expected_status = 400,
           .expected = {R"("cursor":{"code":"invalid")"}},
          {.name = "a bad status filter",
           .url = url + "?status=sleeping",
           .headers = test::bearer(w.owner.token),
           .expected_status = 400,
           .expected = {R"("status":{"code":"invalid")"}},
          {.name = "rotating needs a grace period within 0..24 hours",
           .method = Method::kPost,
           .url = url + "/key_x/rotate",
           .headers = test::bearer_json(w.owner.token),
           .body = R"({"graceHours":25})",
           .expected_status = 400,
           .expected = {R"("graceHours":{"code":"out_of_range")"}},
          {.name = "revoking an unknown key",
           .method = Method::kDelete,
           .url = url + "/key_nope",
           .headers = test::bearer(w.owner.token),
           .expected_status = 404,
           .expected = {R"("code":"api_keys.not_found")"}},
          {.name = "an admin creates a key; the secret is shown once",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.admin.token),
           .body =
               R"({"name":"deploy","scopes":["apps:read","apps:release"],"expiresInDays":30,"allowedIps":["10.0.0.0/8"]})",
           .expected_status = 201,
           .audit = {"api_key.created"},
           .check =
               [&](const http::ClientResponse& r) {
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

  CHECK(count_rows(w.server, "SELECT count(*) FROM api_keys WHERE secret_hash = ?",
                   core::crypto::sha256_hex(secret)) == 1);
  CHECK(
      count_rows(w.server,
                 "SELECT count(*) FROM api_keys WHERE instr(secret_hash || scopes || name || prefix, ?) > 0",
                 secret) == 0);

  auto client = w.server.client();
  auto list = client.get(w.keys_url() + "?limit=1", test::bearer(w.owner.token));
  REQUIRE(list.status == 200);
  CHECK(list.body.find("cove_sk_") != std::string::npos);  // the prefix is shown…
  CHECK(list.body.find(secret) == std::string::npos);      // …never the secret
  CHECK(list.body.find(second["secret"].get<std::string>()) == std::string::npos);
  auto page = list.json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == second["id"]);  // newest first
  CHECK(page["items"][0]["createdBy"]["name"] == "admin");
  CHECK(page["items"][0].contains("secret") == false);
  REQUIRE(page["nextCursor"].is_string());

  page = client
             .get(w.keys_url() + "?limit=1&cursor=" + page["nextCursor"].get<std::string>(),
                  test::bearer(w.owner.token))
             .json();
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["id"] == first["id"]);
  CHECK(page["nextCursor"].is_null());

  REQUIRE(client
              .request(Method::kDelete, w.keys_url() + "/" + first["id"].get<std::string>(),
                       test::bearer(w.owner.token))
              .status == 204);
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
  CHECK(count_rows(w.server,
                   "SELECT count(*) FROM audit_log WHERE instr(COALESCE(before_json, '') || "
                   "COALESCE(after_json, ''), ?) > 0",
                   secret) == 0);
}

TEST_CASE("a creator can grant only the scopes they hold", "[api][keys]") {
  // Every role with keys:manage holds every key scope today, so the rule is exercised on the
  // service with a principal holding less.
  KeyWorld w;
  auto& app = w.server.app();
  core::ChangeLog changes(app.audit(), app.events());
  modules::PermissionRegistry permissions;
  accounts::declare_permissions(permissions);
  for (const char* p : {"apps:read", "apps:write", "apps:release"}) permissions.declare({p, "", {"owner"}});
  accounts::ApiKeyService service(app.db(), changes, app.clock(), permissions);

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

TEST_CASE("an organisation holds at most 100 active API keys", "[api][keys]") {
  KeyWorld w;
  // 99 active keys and one long expired: expired and revoked keys do not count.
  for (int i = 0; i < 100; ++i) {
    const auto id = "key_bulk" + std::to_string(i);
    run_sql(w.server,
            "INSERT INTO api_keys(id, org_id, name, prefix, secret_hash, scopes, created_by, created_ms, "
            "expires_ms) VALUES(?, ?, 'bulk', 'cove_sk_bulk', ?, '[\"apps:read\"]', ?, 0, ?)",
            {id, w.org_a, core::crypto::sha256_hex(id), w.owner.id, i == 0 ? "1" : "99999999999999"});
  }
  const nlohmann::json body = {{"name", "one more"}, {"scopes", {"apps:read"}}};
  const auto last = w.create_key(w.owner, body);
  auto client = w.server.client();
  auto r = client.request(Method::kPost, w.keys_url(), test::bearer_json(w.owner.token), body.dump());
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "api_keys.limit_reached");
  CHECK(r.json()["details"]["limit"] == 100);

  REQUIRE(client
              .request(Method::kDelete, w.keys_url() + "/" + last["id"].get<std::string>(),
                       test::bearer(w.owner.token))
              .status == 204);
  w.create_key(w.owner, body);
}
