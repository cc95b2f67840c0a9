#pragma once
// A world for gray-release tests: the runtime world (orgs, members, apps, host apps, signed
// runtime requests) plus helpers for UID lists and plans.
#include <fmt/format.h>

#include "runtime_world.hpp"

namespace cove::test {

struct GrayWorld : RuntimeWorld {
  explicit GrayWorld(TestServerOptions options = {}) : RuntimeWorld(std::move(options)) {}

  http::ClientResponse upload_list(http::Method method, const std::string& url, const std::string& token,
                                   const std::string& body, const std::string& type = "text/plain") {
    http::Headers h = token.empty() ? http::Headers{} : bearer(token);
    h.set("Content-Type", type);
    return server.client().request(method, url, h, body);
  }

  std::string create_list(const std::string& org, const std::string& name, const std::string& ids,
                          const std::string& token) {
    auto r = upload_list(http::Method::kPost, fmt::format("/api/v1/orgs/{}/uid-lists?name={}", org, name),
                         token, ids);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json()["id"].get<std::string>();
  }

  http::ClientResponse create_plan(const std::string& app, const nlohmann::json& body,
                                   const std::string& token) {
    return call(http::Method::kPost, fmt::format("/api/v1/apps/{}/gray/plans", app), token, body);
  }

  std::string plan_ok(const std::string& app, const nlohmann::json& body, const std::string& token) {
    auto r = create_plan(app, body, token);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json()["id"].get<std::string>();
  }

  http::ClientResponse act(const std::string& plan, const std::string& action, const std::string& token) {
    return call(http::Method::kPost, fmt::format("/api/v1/gray/plans/{}/{}", plan, action), token);
  }

  nlohmann::json get_plan(const std::string& plan, const std::string& token) {
    auto r = call(http::Method::kGet, fmt::format("/api/v1/gray/plans/{}", plan), token);
    REQUIRE(r.status == 200);
    return r.json();
  }
};

// {"groups":[{"conditions":[{attribute, operator, values}]}]}
inline nlohmann::json one_condition(const std::string& attribute, const std::string& op,
                                    std::vector<std::string> values) {
  return {{"groups", {{{"conditions", {{{"attribute", attribute}, {"operator", op}, {"values", values}}}}}}}};
}

}  // namespace cove::test
