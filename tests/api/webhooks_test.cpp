// Webhooks (issue 17) against a real receiver on 127.0.0.1 (tests/api/webhooks_receiver.hpp):
// endpoints and their rules, deliveries signed per Standard Webhooks and verified by the
// receiver's own implementation, the delivery log, retries, resend, recover, test pings, 410 Gone,
// secret rotation, and the address guard at delivery time.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "support/scenario.hpp"
#include "webhooks_receiver.hpp"

using namespace cove;
using cove::http::Method;

namespace {

test::TestServerOptions receiver_options(bool allow_private = true) {
  test::TestServerOptions o;
  o.configure = [allow_private](core::Config& c) {
    c.set("webhooks.allowHttp", true);
    c.set("webhooks.allowPrivateAddresses", allow_private);
    c.set("webhooks.timeoutSeconds", 3);
  };
  return o;
}

struct HookWorld {
  test::WebhookReceiver receiver;
  test::World w;
  explicit HookWorld(bool allow_private = true)
      : w(test::given(receiver_options(allow_private)) | test::org("A").owner().admin().developer() |
          test::org("B").owner() | test::operators()) {}

  nlohmann::json create(const nlohmann::json& body, const std::string& token = "") {
    auto& a = w.org("A");
    auto r = w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/webhooks", token.empty() ? a.owner().token : token,
                    body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
  }
  nlohmann::json messages(const std::string& endpoint, const std::string& query = "") {
    auto r = w.call(Method::kGet, "/api/v1/webhooks/" + endpoint + "/messages" + query, w.org("A").owner().token);
    REQUIRE(r.status == 200);
    return r.json();
  }
  // Waits until the endpoint's newest message is in `status`.
  nlohmann::json await_message(const std::string& endpoint, const std::string& status) {
    nlohmann::json items;
    for (int i = 0; i < 250; ++i) {
      items = messages(endpoint)["items"];
      if (!items.empty() && items[0]["status"] == status) return items[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    INFO(items.dump());
    FAIL("no message reached status " << status);
    return nullptr;
  }
};

}  // namespace

TEST_CASE("webhook endpoints: create, read, edit, delete, with every field checked", "[api][webhooks]") {
  HookWorld f;
  auto& a = f.w.org("A");
  const auto base = "/api/v1/orgs/" + a.id + "/webhooks";
  // Created: the secret is answered once, with the endpoint.
  auto created = f.w.call(Method::kPost, base, a.admin().token,
                          {{"url", f.receiver.url()},
                           {"description", "CI"},
                           {"events", {"version.released", "review.*", "version.released"}},
                           {"headers", {{"Authorization", "Bearer ci-token"}}}});
  INFO(created.body);
  REQUIRE(created.status == 201);
  const auto id = created.json()["id"].get<std::string>();
  CHECK(created.json()["secret"].get<std::string>().starts_with("whsec_"));
  CHECK(created.json()["events"] == nlohmann::json::array({"version.released", "review.*"}));
  CHECK(created.headers.get("Location") == "/api/v1/webhooks/" + id);
  CHECK(f.w.audit_count("webhook_endpoint.created", id) == 1);

  test::run_scenarios(
      f.w.server,
      {
          {.name = "shape errors, all at once",
           .method = Method::kPost,
           .url = base,
           .headers = test::bearer_json(a.owner().token),
           .body = nlohmann::json{{"url", "https://x.example.com"},
                                  {"events", {"app.created", 3}},
                                  {"headers", {{"X-Ok", 1}}},
                                  {"colour", "red"}}
                       .dump(),
           .expected_status = 400,
           .expected = {R"("events[1]":{"code":"invalid_type")", R"("headers.X-Ok":{"code":"invalid_type")",
                        R"("colour":{"code":"unknown_field")"}},
          {.name = "every rule broken at once",
           .method = Method::kPost,
           .url = base,
           .headers = test::bearer_json(a.owner().token),
           .body = nlohmann::json{{"url", "ftp://x.example.com"},
                                  {"events", {"nope.*", "org.registered"}},
                                  {"appIds", {"app_missing"}},
                                  {"headers", {{"Host", "evil"}}}}
                       .dump(),
           .expected_status = 400,
           .expected = {R"("url":{"code":"invalid_url")", R"("events[0]":{"code":"unknown_event_type")",
                        R"("events[1]":{"code":"platform_event")", R"("appIds[0]":{"code":"unknown_app")",
                        R"("headers.Host":{"code":"reserved_header")"}},
          {.name = "the URL is required, and so are the events",
           .method = Method::kPost,
           .url = base,
           .headers = test::bearer_json(a.owner().token),
           .body = "{}",
           .expected_status = 400,
           .expected = {R"("url":{"code":"required")", R"("events":{"code":"required")"}},
          {.name = "developers cannot manage webhooks",
           .method = Method::kGet,
           .url = base,
           .headers = test::bearer(a.developer().token),
           .expected_status = 403},
      });

  // The list and the endpoint never show the secret again; custom header values are shown to
  // those who manage the endpoint (they typed them) but never logged.
  auto list = f.w.call(Method::kGet, base, a.owner().token);
  REQUIRE(list.status == 200);
  CHECK(list.json()["total"] == 1);
  CHECK(list.body.find("whsec_") == std::string::npos);
  auto one = f.w.call(Method::kGet, "/api/v1/webhooks/" + id, a.owner().token);
  CHECK(one.json()["headers"]["Authorization"] == "Bearer ci-token");
  CHECK(one.json()["health"]["attempts24h"] == 0);
  const auto log = f.w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/operation-log", a.owner().token);
  CHECK(log.body.find("ci-token") == std::string::npos);

  auto r = f.w.call(Method::kPatch, "/api/v1/webhooks/" + id, a.owner().token,
                    {{"events", {"*"}}, {"enabled", false}, {"description", ""}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["events"] == nlohmann::json::array({"*"}));
  CHECK(r.json()["enabled"] == false);
  CHECK(f.w.audit_count("webhook_endpoint.updated", id) == 1);

  // Another organisation's owner does not see it.
  CHECK(f.w.call(Method::kGet, "/api/v1/webhooks/" + id, f.w.org("B").owner().token).status == 404);
  CHECK(f.w.call(Method::kDelete, "/api/v1/webhooks/" + id, f.w.org("B").owner().token).status == 404);

  CHECK(f.w.call(Method::kDelete, "/api/v1/webhooks/" + id, a.owner().token).status == 204);
  CHECK(f.w.call(Method::kGet, "/api/v1/webhooks/" + id, a.owner().token).status == 404);
  CHECK(f.w.audit_count("webhook_endpoint.deleted", id) == 1);
}

TEST_CASE("the event catalogue lists every type with a schema and an example", "[api][webhooks]") {
  HookWorld f;
  auto r = f.w.call(Method::kGet, "/api/v1/webhook-event-types", "");
  REQUIRE(r.status == 200);
  const auto items = r.json()["items"];
  REQUIRE(items.size() > 20);
  bool found = false;
  for (const auto& t : items) {
    INFO(t.dump());
    CHECK(t["schema"]["type"] == "object");
    CHECK(t["example"].is_object());
    CHECK(t["schema"]["required"].size() == t["example"].size());
    if (t["type"] == "version.released") {
      found = true;
      CHECK(t["module"] == "apps");
      CHECK(t["schema"]["properties"]["rollback"]["type"] == "boolean");
    }
  }
  CHECK(found);
}

TEST_CASE("a change reaches the receiver signed, and the delivery log shows it", "[api][webhooks]") {
  HookWorld f;
  auto& a = f.w.org("A");
  const auto ep = f.create({{"url", f.receiver.url()}, {"events", {"apps.*"}}, {"headers", {{"X-Team", "mobile"}}}});
  f.receiver.set_secrets({ep["secret"].get<std::string>()});
  f.w | test::app("Weather").in("A");  // app.created

  const auto got = f.receiver.await(1);
  REQUIRE(got.size() == 1);
  const auto& d = got[0];
  INFO(d.dump());
  CHECK(d["verified"] == nlohmann::json::array({true}));
  CHECK(d["headers"]["content-type"] == "application/json");
  CHECK(d["headers"]["x-team"] == "mobile");
  const auto body = nlohmann::json::parse(d["body"].get<std::string>());
  CHECK(body["type"] == "app.created");
  CHECK(body["data"]["appId"] == f.w.app("Weather").id);
  CHECK(body["data"]["orgId"] == a.id);

  const auto m = f.await_message(ep["id"], "delivered");
  CHECK(m["id"] == d["headers"]["webhook-id"]);
  CHECK(m["attempts"] == 1);
  auto detail = f.w.call(Method::kGet, "/api/v1/webhooks/" + ep["id"].get<std::string>() + "/messages/" +
                                           m["id"].get<std::string>(),
                         a.owner().token);
  REQUIRE(detail.status == 200);
  CHECK(detail.json()["payload"] == body);
  CHECK(detail.json()["attempts"][0]["status"] == 200);
  CHECK(detail.json()["attempts"][0]["response"] == "ok");
  CHECK(detail.json()["attempts"][0]["trigger"] == "scheduled");
  // Organisation B's events never reach A's endpoint.
  f.w | test::app("Other").in("B");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(f.receiver.received().size() == 1);
}

TEST_CASE("a failing receiver: retried, resent, recovered; 410 Gone disables the endpoint", "[api][webhooks]") {
  HookWorld f;
  auto& a = f.w.org("A");
  const auto ep = f.create({{"url", f.receiver.url()}, {"events", {"*"}}});
  const auto id = ep["id"].get<std::string>();
  f.receiver.set_secrets({ep["secret"].get<std::string>()});
  f.receiver.set_status("500");
  f.receiver.set_reply(std::string(100 * 1024, 'x'));  // a long answer is cut, not an error
  f.w | test::app("Weather").in("A");

  auto m = f.await_message(id, "pending");
  for (int i = 0; i < 100 && m["attempts"] == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    m = f.messages(id)["items"][0];
  }
  CHECK(m["attempts"] == 1);
  CHECK(m["lastStatus"] == 500);
  CHECK(m["nextAttemptAt"].is_string());
  const auto mid = m["id"].get<std::string>();
  auto health = f.w.call(Method::kGet, "/api/v1/webhooks/" + id, a.owner().token).json()["health"];
  CHECK(health["successRate24h"] == 0.0);
  CHECK(health["lastFailure"] == "HTTP 500");
  CHECK(health["pending"] == 1);

  // The receiver is fixed; a resend goes now instead of in 5 seconds.
  f.receiver.set_status("200");
  auto r = f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/messages/" + mid + "/resend", a.owner().token);
  REQUIRE(r.status == 202);
  f.await_message(id, "delivered");
  auto got = f.receiver.await(2);
  REQUIRE(got.size() >= 2);
  CHECK(got[1]["headers"]["webhook-id"] == mid);  // the same id: the receiver can tell a repeat
  CHECK(f.w.audit_count("webhook_message.resent") == 1);

  // A test ping.
  r = f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token);
  REQUIRE(r.status == 202);
  CHECK(r.json()["type"] == "ping");
  got = f.receiver.await(3);
  REQUIRE(got.size() == 3);
  CHECK(nlohmann::json::parse(got[2]["body"].get<std::string>())["type"] == "ping");

  // Recover: every failed message since a time is sent again.
  f.receiver.set_status("503");
  f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token);
  f.await_message(id, "failed");  // a test is one attempt
  f.receiver.set_status("200");
  r = f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/recover", a.owner().token,
               {{"since", "2020-01-01T00:00:00Z"}});
  REQUIRE(r.status == 202);
  CHECK(r.json()["queued"] == 1);
  f.await_message(id, "delivered");
  CHECK(f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/recover", a.owner().token, {{"since", "yesterday"}})
            .status == 400);

  // 410 Gone: the receiver says it will never want these again.
  f.receiver.set_status("410");
  f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token);
  f.await_message(id, "failed");
  const auto e = f.w.call(Method::kGet, "/api/v1/webhooks/" + id, a.owner().token).json();
  CHECK(e["enabled"] == false);
  CHECK(e["disabledReason"] == "gone");
  CHECK(f.w.event_count("webhook_endpoint.disabled") == 1);
  // Its owners hear of it in their inbox, with the way back to the endpoint.
  REQUIRE(f.w.server.app().events().drain(std::chrono::seconds(10)));
  const auto inbox = f.w.call(Method::kGet, "/api/v1/me/notifications?category=integration", a.owner().token).json();
  REQUIRE(inbox["items"].size() == 1);
  CHECK(inbox["items"][0]["kind"] == "webhook_endpoint.disabled");
  CHECK(inbox["items"][0]["severity"] == "error");
  CHECK(inbox["items"][0]["link"] == "/o/" + a.id + "/webhooks");
  CHECK(inbox["items"][0]["title"].get<std::string>().find(f.receiver.url()) != std::string::npos);
  CHECK(f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token).status == 202);
  CHECK(f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/messages/" + mid + "/resend", a.owner().token)
            .json()["code"] == "webhooks.endpoint_disabled");
}

TEST_CASE("secret rotation: the old and the new secret both sign for a day", "[api][webhooks]") {
  HookWorld f;
  auto& a = f.w.org("A");
  const auto ep = f.create({{"url", f.receiver.url()}, {"events", {"*"}}});
  const auto id = ep["id"].get<std::string>();
  auto r = f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/rotate-secret", a.owner().token);
  REQUIRE(r.status == 200);
  const auto fresh = r.json()["secret"].get<std::string>();
  CHECK(fresh != ep["secret"]);
  CHECK(r.json()["secretRotating"] == true);
  CHECK(f.w.audit_count("webhook_endpoint.secret_rotated", id) == 1);
  // A receiver still on the old secret and one already on the new both verify.
  f.receiver.set_secrets({ep["secret"].get<std::string>(), fresh, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"});
  f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token);
  const auto got = f.receiver.await(1);
  REQUIRE(got.size() == 1);
  CHECK(got[0]["verified"] == nlohmann::json::array({true, true, false}));
}

TEST_CASE("deliveries refuse non-public addresses unless the operator allows them", "[api][webhooks][ssrf]") {
  HookWorld f(false);
  auto& a = f.w.org("A");
  // Saved with an IP literal: refused at once.
  auto r = f.w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/webhooks", a.owner().token,
                    {{"url", f.receiver.url()}, {"events", {"*"}}});
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("url":{"code":"private_address")") != std::string::npos);
  for (const auto* url : {"https://169.254.169.254/latest", "https://[::ffff:127.0.0.1]/x", "http://localhost/x"}) {
    INFO(url);
    r = f.w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/webhooks", a.owner().token,
                 {{"url", url}, {"events", {"*"}}});
    CHECK(r.status == 400);
  }
  // A public name whose address later turns private (DNS rebinding, a changed record): the check
  // runs on the socket at every delivery. The stored URL is changed directly to stand for it.
  const auto ep = f.create({{"url", "https://hooks.example.com/cove"}, {"events", {"*"}}});
  const auto id = ep["id"].get<std::string>();
  f.w.server.app().db().write([&](core::Tx& tx) {
    tx.exec("UPDATE webhook_endpoints SET url = ? WHERE id = ?", f.receiver.url(), id);
  });
  f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token);
  const auto m = f.await_message(id, "failed");
  CHECK(m["lastError"].get<std::string>().starts_with("refused_address"));
  CHECK(f.receiver.received().empty());
}

TEST_CASE("a redirect is a failed delivery, never followed", "[api][webhooks][ssrf]") {
  HookWorld f;
  auto& a = f.w.org("A");
  const auto ep = f.create({{"url", f.receiver.url()}, {"events", {"*"}}});
  const auto id = ep["id"].get<std::string>();
  f.receiver.set_status("302 " + f.receiver.url("/elsewhere"));
  f.w.call(Method::kPost, "/api/v1/webhooks/" + id + "/test", a.owner().token);
  const auto m = f.await_message(id, "failed");
  CHECK(m["lastStatus"] == 302);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto got = f.receiver.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0]["path"] == "/hook");
}

TEST_CASE("operators keep platform endpoints that receive every organisation's events", "[api][webhooks]") {
  HookWorld f;
  auto& ops = f.w.platform_admin();
  auto r = f.w.call(Method::kPost, "/api/v1/platform/webhooks", ops.token,
                    {{"url", f.receiver.url("/platform")}, {"events", {"org.*", "app.created"}}});
  REQUIRE(r.status == 201);
  const auto id = r.json()["id"].get<std::string>();
  CHECK(r.json()["orgId"].is_null());
  f.receiver.set_secrets({r.json()["secret"].get<std::string>()});
  // Organisations cannot reach it through their routes.
  CHECK(f.w.call(Method::kGet, "/api/v1/webhooks/" + id, f.w.org("A").owner().token).status == 404);
  CHECK(f.w.call(Method::kGet, "/api/v1/platform/webhooks", f.w.org("A").owner().token).status == 403);

  f.w | test::app("Other").in("B");
  bool created = false;
  for (int i = 0; i < 250 && !created; ++i) {
    for (const auto& d : f.receiver.received()) {
      CHECK(d["verified"] == nlohmann::json::array({true}));
      created = created || nlohmann::json::parse(d["body"].get<std::string>())["type"] == "app.created";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(created);
  CHECK(f.w.call(Method::kGet, "/api/v1/platform/webhooks/" + id + "/messages?type=app.created", ops.token)
            .json()["total"] == 1);
}
