// Webhooks survive a crash (issue 17): the real binary is killed with SIGKILL in the middle of a
// burst of deliveries and started again on the same data directory; every event still reaches
// the receiver at least once (a repeat carries the same webhook-id, so the receiver can drop it).
#include <csignal>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "http/client.hpp"
#include "support/cove_binary.hpp"
#include "support/temp_dir.hpp"
#include "webhooks_receiver.hpp"

using namespace cove;
using cove::http::Method;

namespace {

const std::map<std::string, std::string> kEnv = {
    {"COVE_ADMIN_EMAIL", "crash-ops@example.com"}, {"COVE_ADMIN_PASSWORD", "Crash-Test-Passw0rd"},
    {"COVE_WEBHOOKS_ALLOWHTTP", "true"},           {"COVE_WEBHOOKS_ALLOWPRIVATEADDRESSES", "true"},
    {"COVE_LOG_ACCESSLOG", "false"}};

nlohmann::json call(http::Client& c, Method m, const std::string& path, const std::string& token,
                    const nlohmann::json& body = nullptr) {
  http::Headers h;
  if (!token.empty()) h.set("Authorization", "Bearer " + token);
  if (!body.is_null()) h.set("Content-Type", "application/json");
  auto r = c.request(m, path, h, body.is_null() ? "" : body.dump());
  INFO(path << " → " << r.status << " " << r.body);
  REQUIRE(r.status < 300);
  return r.body.empty() ? nlohmann::json() : r.json();
}

std::set<std::string> delivered_apps(const test::WebhookReceiver& receiver) {
  std::set<std::string> out;
  for (const auto& d : receiver.received()) {
    const auto body = nlohmann::json::parse(d["body"].get<std::string>());
    if (body["type"] == "app.created") out.insert(body["data"]["appId"].get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("a kill -9 during a burst of deliveries loses no event", "[api][webhooks][crash]") {
  test::TempDir data("cove-webhooks-crash");
  test::WebhookReceiver receiver;
  receiver.set_delay_seconds(0.01);  // deliveries are in flight when the server dies
  constexpr int kApps = 90;  // within the default quota of 100 mini-programs
  std::set<std::string> created;
  {
    test::CoveServer server(data.path(), kEnv);
    auto c = http::Client::from_url(server.url());
    const auto admin = call(c, Method::kPost, "/api/v1/auth/login", "",
                            {{"email", "crash-ops@example.com"}, {"password", "Crash-Test-Passw0rd"}})["accessToken"]
                           .get<std::string>();
    const auto org = call(c, Method::kPost, "/api/v1/orgs/register", "",
                          {{"name", "Crash Org"},
                           {"licenseNo", "CRASH-2026-01"},
                           {"contactName", "C"},
                           {"contactEmail", "c@crash.example"},
                           {"contactPhone", "+86 21 5555 0199"},
                           {"owner", {{"email", "owner@crash.example"}, {"password", "Owner-Crash-Passw0rd"}, {"name", "O"}}}})["id"]
                         .get<std::string>();
    call(c, Method::kPost, "/api/v1/platform/orgs/" + org + "/approve", admin);
    const auto owner = call(c, Method::kPost, "/api/v1/auth/login", "",
                            {{"email", "owner@crash.example"}, {"password", "Owner-Crash-Passw0rd"}})["accessToken"]
                           .get<std::string>();
    // Each mini-program created is one app.created event.
    call(c, Method::kPost, "/api/v1/orgs/" + org + "/webhooks", owner,
         {{"url", receiver.url()}, {"events", {"app.created"}}});
    for (int i = 0; i < kApps; ++i) {
      created.insert(call(c, Method::kPost, "/api/v1/orgs/" + org + "/apps", owner,
                          {{"name", fmt::format("Crash app {}", i)}})["appId"]
                         .get<std::string>());
    }
    // Some delivered, most not yet: die now, without a chance to finish anything.
    for (int i = 0; i < 500 && receiver.received().size() < 20; ++i) {
      server.process().wait_for_output("\x01", std::chrono::milliseconds(10));
    }
    server.process().signal(SIGKILL);
    server.process().wait(std::chrono::seconds(10));
  }
  const auto before_restart = delivered_apps(receiver).size();
  INFO("delivered before the kill: " << before_restart);
  CHECK(before_restart > 0);
  CHECK(before_restart < static_cast<std::size_t>(kApps));

  test::CoveServer again(data.path(), kEnv);
  for (int i = 0; i < 1500 && delivered_apps(receiver) != created; ++i) {
    again.process().wait_for_output("\x01", std::chrono::milliseconds(20));
  }
  CHECK(delivered_apps(receiver) == created);
  // Every delivery verifies with the secret, and repeats keep their id.
  std::map<std::string, std::string> id_of_app;
  for (const auto& d : receiver.received()) {
    const auto body = nlohmann::json::parse(d["body"].get<std::string>());
    const auto app = body["data"]["appId"].get<std::string>();
    const auto id = d["headers"]["webhook-id"].get<std::string>();
    const auto [it, fresh] = id_of_app.emplace(app, id);
    CHECK(it->second == id);
    (void)fresh;
  }
}
