#pragma once
// Shared set-up of the API-key tests: a probe module whose routes only check permissions (so what
// a key may do is observable without later modules), and org A with one member of each role plus
// org B with its own owner.
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "modules/module.hpp"
#include "support/accounts_fixture.hpp"
#include "support/test_server.hpp"

namespace cove::test::keys {

using http::Method;

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

inline test::TestServerOptions with_probe(test::TestServerOptions options = {}) {
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
    const auto member = [&](const char* email, const std::string& org, const char* role) {
      auto u = test::create_user(server, email);
      test::add_member(server, org, u.id, role);
      return u;
    };
    owner = member("owner@a.example", org_a, "owner");
    admin = member("admin@a.example", org_a, "admin");
    developer = member("dev@a.example", org_a, "developer");
    viewer = member("viewer@a.example", org_a, "viewer");
    owner_b = member("owner@b.example", org_b, "owner");
  }

  std::string keys_url(const std::string& org = "") const {
    return "/api/v1/orgs/" + (org.empty() ? org_a : org) + "/api-keys";
  }

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

inline void run_sql(test::TestServer& server, const std::string& sql, const std::vector<std::string>& args) {
  server.app().db().write([&](core::Tx& tx) {
    auto& st = tx.prepare(sql);
    for (std::size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
    st.exec();
  });
}

inline std::int64_t count_rows(test::TestServer& server, const std::string& sql, const std::string& arg) {
  return server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(sql);
    st.bind(1, arg);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
}
}  // namespace cove::test::keys
