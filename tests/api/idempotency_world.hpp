#pragma once
// Set-up of the Idempotency-Key tests: probe routes that count how often their handler ran (so
// "the handler ran once" is observable), an organisation with two members and an API key.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "modules/module.hpp"
#include "support/accounts_fixture.hpp"
#include "support/test_server.hpp"

namespace cove::test::idem {

using http::Method;

// Routes under /api/v1/idem-probe/orgs/{orgId}, all needing apps:write (members and API keys):
//   POST /things   201 {n, body} with a Location; n counts the calls
//   POST /unavailable  throws a 503 service error;  POST /crash  throws an unknown exception (500)
//   POST /big      200 with a 1.5 MiB body
//   PUT  /upload   streamed to a file; 201 {sha256, size}
//   POST /slow     blocking; waits until release_slow()
// and POST /api/v1/idem-probe/public, open to guests.
class IdempotencyProbe final : public modules::Module {
 public:
  std::string_view name() const override { return "idem-probe"; }

  void register_routes(http::Router& router) override {
    auto org = router.group("/api/v1/idem-probe/orgs/{orgId}");
    org.post("/things",
             [this](http::Request& req) {
               const int n = ++things;
               auto res = http::Response::json(201, {{"n", n}, {"body", req.body}});
               res.headers.set("Location", fmt::format("/api/v1/idem-probe/things/{}", n));
               return res;
             })
        .permission("apps:write");
    org.post("/unavailable",
             [this](http::Request&) -> http::Response {
               ++unavailable;
               throw core::Error(503, "probe.unavailable", "Try again");
             })
        .permission("apps:write");
    org.post("/crash",
             [this](http::Request&) -> http::Response {
               ++crashes;
               throw std::runtime_error("crashed on purpose");
             })
        .permission("apps:write");
    org.post("/big",
             [this](http::Request&) {
               ++bigs;
               return http::Response::text(200, std::string(1536 * 1024, 'b'));
             })
        .permission("apps:write");
    org.put("/upload",
            [this](http::Request& req) {
              ++uploads;
              return http::Response::json(201, {{"sha256", req.upload->sha256}, {"size", req.upload->size}});
            })
        .permission("apps:write")
        .stream_to_file(8 * 1024 * 1024);
    org.post("/slow",
             [this](http::Request&) {
               std::unique_lock lock(mutex_);
               ++slow_entered;
               cv_.notify_all();
               cv_.wait(lock, [this] { return slow_released_; });
               return http::Response::json(201, {{"slow", true}});
             })
        .permission("apps:write")
        .blocking();
    router.group("/api/v1/idem-probe").open().post("/public", [this](http::Request&) {
      return http::Response::json(200, {{"n", ++publics}});
    });
  }

  // Waits (bounded, as a safety net only) until a /slow request is inside its handler.
  bool wait_for_slow() {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, std::chrono::seconds(30), [this] { return slow_entered > 0; });
  }
  void release_slow() {
    std::lock_guard lock(mutex_);
    slow_released_ = true;
    cv_.notify_all();
  }

  std::atomic<int> things{0}, unavailable{0}, crashes{0}, bigs{0}, uploads{0}, publics{0};

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int slow_entered = 0;
  bool slow_released_ = false;
};

// Org A with an owner and a developer, and an API key of the owner's with apps:write.
struct IdempotencyWorld {
  explicit IdempotencyWorld(const core::Clock* clock = nullptr) : server(options(clock)) {
    org = create_org(server, "Org A");
    owner = create_user(server, "owner@a.example");
    developer = create_user(server, "dev@a.example");
    add_member(server, org, owner.id, "owner");
    add_member(server, org, developer.id, "developer");
    auto r = server.client().request(Method::kPost, fmt::format("/api/v1/orgs/{}/api-keys", org),
                                     bearer_json(owner.token), R"({"name":"ci","scopes":["apps:write"]})");
    INFO(r.body);
    REQUIRE(r.status == 201);
    api_key = r.json()["secret"].get<std::string>();
  }

  std::string url(std::string_view what) const {
    return fmt::format("/api/v1/idem-probe/orgs/{}/{}", org, what);
  }

  // A request as `token` (an access token or an API key), with an Idempotency-Key unless empty.
  http::ClientResponse send(const std::string& token, Method method, std::string_view what,
                            const std::string& key, const std::string& body = "{}") {
    auto headers = bearer_json(token);
    if (!key.empty()) headers.set("Idempotency-Key", key);
    return server.client().request(method, url(what), headers, body);
  }

  std::int64_t stored_rows() {
    return server.app().db().read(
        [](core::Conn& c) { return c.query_int("SELECT count(*) FROM idempotency_keys").value_or(-1); });
  }

  IdempotencyProbe* probe = nullptr;
  TestServer server;
  std::string org;
  TestUser owner, developer;
  std::string api_key;

 private:
  TestServerOptions options(const core::Clock* clock) {
    TestServerOptions o;
    o.clock = clock;
    o.modules = [this] {
      auto module = std::make_unique<IdempotencyProbe>();
      probe = module.get();
      std::vector<std::unique_ptr<modules::Module>> v;
      v.push_back(std::move(module));
      return v;
    };
    return o;
  }
};

}  // namespace cove::test::idem
