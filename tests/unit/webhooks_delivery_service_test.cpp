// Webhook deliveries without the network (issue 17): a scripted fetcher answers each POST, a
// manual clock moves through the retry schedule. Fan-out filters by type pattern, organisation
// and mini-program; failures are retried 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h later and then
// failed; 410 Gone and five days of failures disable the endpoint and announce it; a repeated
// outbox event makes no second message.
#include <deque>

#include <catch2/catch.hpp>

#include "core/change_log.hpp"
#include "core/db.hpp"
#include "core/embedded.hpp"
#include "core/migrate.hpp"
#include "modules/webhooks/delivery_service.hpp"
#include "modules/webhooks/endpoint_service.hpp"
#include "modules/webhooks/webhook_signature.hpp"
#include "support/fake_apps_api.hpp"
#include "support/manual_clock.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using namespace std::chrono_literals;

namespace {

class FakeApps final : public test::FakeAppsApi {
 public:
  bool app_exists(core::Conn&, const std::string& org_id, const std::string& app_id) const override {
    return org_id == "org_1" && (app_id == "app_1" || app_id == "app_2");
  }
};

class FakeQuotas final : public accounts::Quotas {
 public:
  std::int64_t limit(core::Conn&, const std::string&, std::string_view) const override { return 10; }
  void ensure(core::Conn&, const std::string&, std::string_view, std::int64_t, std::int64_t) const override {}
};

// Answers POSTs with the scripted statuses in order (200 once the script is used up).
class ScriptedFetcher final : public http::GuardedFetcher {
 public:
  http::FetchResult get(const std::string&, const http::FetchOptions&) const override {
    return {.ok = false, .error = "failed", .message = "deliveries only POST"};
  }
  http::FetchResult send(const http::OutboundRequest& request, const http::FetchOptions&) const override {
    requests.push_back(request);
    int status = 200;
    if (!script.empty()) {
      status = script.front();
      script.pop_front();
    }
    if (status == 0) return {.ok = false, .error = "timeout", .message = "No complete answer in time"};
    return {.ok = true, .status = status, .body = "answer " + std::to_string(status)};
  }
  mutable std::deque<int> script;
  mutable std::vector<http::OutboundRequest> requests;
};

std::string header(const http::OutboundRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "";
}

struct Fixture {
  test::TempDir dir{"cove-webhooks-delivery"};
  test::ManualClock clock;
  std::unique_ptr<core::Db> db;
  std::unique_ptr<core::Outbox> events;
  core::AuditLog audit{clock};
  std::unique_ptr<core::ChangeLog> changes;
  core::SealedBox seal{std::string(32, 'k')};
  FakeApps apps;
  FakeQuotas quotas;
  ScriptedFetcher fetcher;
  std::unique_ptr<webhooks::EndpointService> endpoints;
  std::unique_ptr<webhooks::DeliveryService> deliveries;
  core::Actor actor = core::Actor::system("test");
  std::int64_t next_event = 1;

  Fixture() {
    db = std::make_unique<core::Db>(core::DbOptions{.path = dir / "cove.db"});
    core::apply_migrations(*db, embedded_migrations::files());
    events = std::make_unique<core::Outbox>(*db, clock);
    changes = std::make_unique<core::ChangeLog>(audit, *events);
    endpoints = std::make_unique<webhooks::EndpointService>(*db, *changes, clock, seal, quotas, apps,
                                                            webhooks::UrlPolicy{});
    deliveries = std::make_unique<webhooks::DeliveryService>(*db, *changes, clock, *endpoints, fetcher,
                                                             webhooks::DeliveryOptions{}, [] { return 1.0; });
  }

  webhooks::EndpointWithSecret endpoint(const std::string& org, std::vector<std::string> types,
                                        std::vector<std::string> app_ids = {}) {
    webhooks::EndpointFields f;
    f.url = "https://hooks.example.com/" + org;
    f.events = std::move(types);
    f.app_ids = std::move(app_ids);
    return endpoints->create(actor, org, f);
  }
  int publish(const std::string& topic, nlohmann::json payload) {
    return deliveries->fan_out({next_event++, topic, std::move(payload), clock.unix_millis()});
  }
  webhooks::Message only_message(const std::string& endpoint_id) {
    auto page = deliveries->list(endpoint_org(endpoint_id), endpoint_id, {}, core::PageRequest{});
    REQUIRE(page.rows.size() == 1);
    return page.rows.front();
  }
  std::string endpoint_org(const std::string& id) {
    return db->read([&](core::Conn& c) { return c.query_value<std::string>("SELECT org_id FROM webhook_endpoints WHERE id = ?", id); });
  }
  std::int64_t audit_count(const std::string& action) {
    return db->read([&](core::Conn& c) {
      return c.query_value<std::int64_t>("SELECT count(*) FROM audit_log WHERE action = ?", action);
    });
  }
};

}  // namespace

TEST_CASE("Standard Webhooks signatures match the specification's published example", "[unit][webhooks]") {
  // The example of the specification's reference libraries (standard-webhooks, README and tests).
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const std::string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const std::string body = R"({"test": 2432232314})";
  CHECK(webhooks::sign(secret, id, 1614265330, body) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  CHECK(webhooks::signature_header({secret, secret}, id, 1614265330, body) ==
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  const auto fresh = webhooks::new_secret();
  CHECK(fresh.starts_with("whsec_"));
  CHECK(fresh.size() == 6 + 32);  // base64 of 24 bytes
  CHECK(webhooks::sign(fresh, id, 1, body).starts_with("v1,"));
  CHECK_THROWS(webhooks::sign("not-a-secret", id, 1, body));
}

TEST_CASE("fan-out: one message per endpoint that wants the event, once per event", "[unit][webhooks]") {
  Fixture f;
  const auto all = f.endpoint("org_1", {"*"});
  const auto apps_only = f.endpoint("org_1", {"apps.*"}, {"app_2"});
  const auto versions = f.endpoint("org_1", {"version.*"});
  const auto other_org = f.endpoint("org_2", {"*"});
  const auto platform = f.endpoint("", {"*"});

  const nlohmann::json released = {{"orgId", "org_1"}, {"appId", "app_1"}, {"versionId", "ver_1"},
                                   {"version", "1.0.0"}, {"previousVersion", nullptr}, {"rollback", false}};
  // org_1's "*" and "version.*", and the platform's; not app_2's filter, not org_2.
  CHECK(f.publish("version.released", released) == 3);
  // The outbox hands an event again after a crash: no second message.
  CHECK(f.deliveries->fan_out({1, "version.released", released, f.clock.unix_millis()}) == 0);
  // An event about app_2 reaches the filtered endpoint too.
  CHECK(f.publish("app.updated", {{"orgId", "org_1"}, {"appId", "app_2"}}) == 3);
  // Topics outside the catalogue (internal ones) are not delivered.
  CHECK(f.publish("blob.collected", {{"orgId", "org_1"}}) == 0);
  // A platform-only type reaches only the platform's endpoints.
  CHECK(f.publish("org.registered", {{"orgId", "org_9"}, {"name", "N"}, {"ownerId", "usr_1"}}) == 1);
  // A disabled endpoint gets nothing.
  webhooks::EndpointFields off;
  off.enabled = false;
  f.endpoints->update(f.actor, "org_1", all.endpoint.id, off);
  CHECK(f.publish("version.released", released) == 2);
  (void)apps_only, (void)other_org, (void)platform, (void)versions;
}

TEST_CASE("a delivery is signed, and a failure is retried on the schedule, then failed", "[unit][webhooks]") {
  Fixture f;
  const auto ep = f.endpoint("org_1", {"*"});
  f.publish("app.created", {{"orgId", "org_1"}, {"appId", "app_1"}});
  f.fetcher.script = {500, 0, 503, 500, 500, 500, 500, 500};  // eight failures: the first try and seven retries

  CHECK(f.deliveries->deliver_due() == 1);
  REQUIRE(f.fetcher.requests.size() == 1);
  const auto& sent = f.fetcher.requests[0];
  const auto id = header(sent, "webhook-id");
  const auto ts = header(sent, "webhook-timestamp");
  CHECK(id.starts_with("msg_"));
  CHECK(header(sent, "webhook-signature") == webhooks::sign(ep.secret, id, std::stoll(ts), sent.body));
  CHECK(header(sent, "Content-Type") == "application/json");
  const auto body = nlohmann::json::parse(sent.body);
  CHECK(body["type"] == "app.created");
  CHECK(body["data"] == nlohmann::json({{"orgId", "org_1"}, {"appId", "app_1"}}));
  CHECK(body["timestamp"].is_string());

  const std::vector<std::chrono::milliseconds> delays = {5s, 5min, 30min, 2h, 5h, 10h, 10h};
  for (std::size_t i = 0; i < delays.size(); ++i) {
    INFO("retry " << i + 1);
    auto m = f.only_message(ep.endpoint.id);
    REQUIRE(m.status == "pending");
    CHECK(m.attempts == static_cast<int>(i) + 1);
    CHECK(m.next_attempt_ms == f.clock.unix_millis() + delays[i].count());
    // Not before its time.
    f.clock.advance(delays[i] - 1ms);
    CHECK(f.deliveries->deliver_due() == 0);
    f.clock.advance(1ms);
    CHECK(f.deliveries->deliver_due() == 1);
    // The same message id every time: the receiver's idempotency key.
    CHECK(header(f.fetcher.requests.back(), "webhook-id") == id);
  }
  const auto m = f.only_message(ep.endpoint.id);
  CHECK(m.status == "failed");
  CHECK(m.attempts == 8);
  CHECK(m.last_status == 500);
  const auto detail = f.deliveries->detail("org_1", ep.endpoint.id, m.id);
  REQUIRE(detail.attempts.size() == 8);
  CHECK(detail.attempts[1].status == 0);
  CHECK(detail.attempts[1].error.starts_with("timeout"));
  CHECK(detail.attempts[0].response == "answer 500");
  // 27 h 35 min of failures is not five days: the endpoint stays on.
  CHECK(f.endpoints->get("org_1", ep.endpoint.id).enabled);

  // Recover sends it once more; it succeeds and the endpoint's failure streak ends.
  CHECK(f.deliveries->recover(f.actor, "org_1", ep.endpoint.id, 0) == 1);
  CHECK(f.deliveries->deliver_due() == 1);
  CHECK(f.only_message(ep.endpoint.id).status == "delivered");
  CHECK(f.endpoints->get("org_1", ep.endpoint.id).failing_since_ms == 0);
  CHECK(f.audit_count("webhook_endpoint.recovered") == 1);
}

TEST_CASE("410 Gone disables the endpoint at once and fails what was waiting", "[unit][webhooks]") {
  Fixture f;
  const auto ep = f.endpoint("org_1", {"*"});
  f.publish("app.created", {{"orgId", "org_1"}, {"appId", "app_1"}});
  f.publish("app.updated", {{"orgId", "org_1"}, {"appId", "app_1"}});
  f.fetcher.script = {410};
  CHECK(f.deliveries->deliver_due() == 1);  // the second is failed with the endpoint, not sent
  const auto e = f.endpoints->get("org_1", ep.endpoint.id);
  CHECK_FALSE(e.enabled);
  CHECK(e.disabled_reason == "gone");
  auto page = f.deliveries->list("org_1", ep.endpoint.id, {.status = std::string("failed"), .type = {}}, {});
  CHECK(page.rows.size() == 2);
  CHECK(f.audit_count("webhook_endpoint.disabled") == 1);
  // Switched on again by a person: deliveries resume (resend works only then).
  CHECK_THROWS_WITH(f.deliveries->resend(f.actor, "org_1", ep.endpoint.id, page.rows[0].id),
                    Catch::Contains("Enable the endpoint"));
  webhooks::EndpointFields on;
  on.enabled = true;
  CHECK(f.endpoints->update(f.actor, "org_1", ep.endpoint.id, on).disabled_reason.empty());
  f.deliveries->resend(f.actor, "org_1", ep.endpoint.id, page.rows[0].id);
  CHECK(f.deliveries->deliver_due() == 1);
}

TEST_CASE("an endpoint failing for five days without a success is disabled", "[unit][webhooks]") {
  Fixture f;
  const auto ep = f.endpoint("org_1", {"*"});
  f.fetcher.script = std::deque<int>(100, 500);
  // A new event every 12 hours, each failing its first attempt.
  for (int i = 0; i < 10; ++i) {
    f.publish("app.updated", {{"orgId", "org_1"}, {"appId", "app_1"}});
    f.deliveries->deliver_due();
    f.clock.advance(12h);
  }
  f.publish("app.updated", {{"orgId", "org_1"}, {"appId", "app_1"}});
  f.deliveries->deliver_due();
  const auto e = f.endpoints->get("org_1", ep.endpoint.id);
  CHECK_FALSE(e.enabled);
  CHECK(e.disabled_reason == "failing");
  CHECK(f.audit_count("webhook_endpoint.disabled") == 1);
}

TEST_CASE("a rotated secret keeps signing beside the new one for 24 hours", "[unit][webhooks]") {
  Fixture f;
  const auto ep = f.endpoint("org_1", {"*"});
  const auto rotated = f.endpoints->rotate_secret(f.actor, "org_1", ep.endpoint.id);
  CHECK(rotated.secret != ep.secret);
  f.publish("app.created", {{"orgId", "org_1"}, {"appId", "app_1"}});
  f.deliveries->deliver_due();
  const auto& r = f.fetcher.requests.back();
  const auto id = header(r, "webhook-id");
  const auto ts = std::stoll(header(r, "webhook-timestamp"));
  CHECK(header(r, "webhook-signature") ==
        webhooks::sign(rotated.secret, id, ts, r.body) + " " + webhooks::sign(ep.secret, id, ts, r.body));

  f.clock.advance(24h + 1s);
  f.publish("app.updated", {{"orgId", "org_1"}, {"appId", "app_1"}});
  f.deliveries->deliver_due();
  const auto& later = f.fetcher.requests.back();
  CHECK(header(later, "webhook-signature") ==
        webhooks::sign(rotated.secret, header(later, "webhook-id"), std::stoll(header(later, "webhook-timestamp")),
                       later.body));
}

TEST_CASE("endpoint fields are checked, every problem at its path", "[unit][webhooks]") {
  Fixture f;
  webhooks::EndpointFields bad;
  bad.url = "http://hooks.example.com/x";
  bad.events = {"app.created", "no.such_type", "org.registered"};
  bad.app_ids = {"app_1", "app_9"};
  bad.headers = {{{"Authorization", "Bearer t"}, {"webhook-signature", "x"}, {"X Bad", "v"}, {"X-Line", "a\nb"}}};
  try {
    f.endpoints->create(f.actor, "org_1", bad);
    FAIL("accepted");
  } catch (const core::Error& e) {
    const auto fields = e.details().at("fields");
    CHECK(fields["url"]["code"] == "http_not_allowed");
    CHECK(fields["events[1]"]["code"] == "unknown_event_type");
    CHECK(fields["events[2]"]["code"] == "platform_event");
    CHECK(fields["appIds[1]"]["code"] == "unknown_app");
    CHECK(fields["headers.webhook-signature"]["code"] == "reserved_header");
    CHECK(fields["headers.X Bad"]["code"] == "invalid_header_name");
    CHECK(fields["headers.X-Line"]["code"] == "invalid_header_value");
    CHECK_FALSE(fields.contains("headers.Authorization"));
    CHECK_FALSE(fields.contains("appIds[0]"));
  }
  using webhooks::check_endpoint_url;
  const webhooks::UrlPolicy strict{};
  CHECK(check_endpoint_url("https://hooks.example.com/cove", strict).empty());
  CHECK(check_endpoint_url("https://127.0.0.1/x", strict) == "private_address");
  CHECK(check_endpoint_url("https://[::1]/x", strict) == "private_address");
  CHECK(check_endpoint_url("https://[::ffff:127.0.0.1]/x", strict) == "private_address");
  CHECK(check_endpoint_url("https://169.254.169.254/latest/meta-data", strict) == "private_address");
  CHECK(check_endpoint_url("https://localhost:8443/x", strict) == "private_address");
  CHECK(check_endpoint_url("https://user:pw@hooks.example.com/x", strict) == "credentials_in_url");
  CHECK(check_endpoint_url("ftp://hooks.example.com/x", strict) == "invalid_url");
  CHECK(check_endpoint_url("hooks.example.com/x", strict) == "invalid_url");
  CHECK(check_endpoint_url("https://hooks.example.com/x#frag", strict) == "invalid_url");
  CHECK(check_endpoint_url("http://127.0.0.1:9/x", {.allow_http = true, .allow_private_addresses = true}).empty());
}
