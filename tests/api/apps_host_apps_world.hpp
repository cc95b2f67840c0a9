#pragma once
// Shared set-up of the host-app tests: the organisation cast of OrgWorld plus helpers that create
// host apps and mini-programs through the API and inspect what was stored.
#include <string>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/accounts_org_world.hpp"
#include "core/sealed_box.hpp"
#include "modules/apps/runtime_view.hpp"

namespace cove::test::host_apps {

using http::Method;

inline const nlohmann::json kIosBundle = {{"platform", "ios"}, {"id", "com.example.wallet"}};

struct HostAppWorld : OrgWorld {
  using OrgWorld::OrgWorld;

  std::string host_apps_url(const std::string& org = "") const {
    return "/api/v1/orgs/" + (org.empty() ? org_a : org) + "/host-apps";
  }
  static std::string host_app_url(const std::string& id) { return "/api/v1/host-apps/" + id; }

  // Creates a host app through the API as `as` and returns the 201 body (with the secret).
  nlohmann::json create_host_app(const TestUser& as, nlohmann::json body, const std::string& org = "") {
    if (!body.contains("bundleIds")) body["bundleIds"] = nlohmann::json::array({kIosBundle});
    auto r = call(Method::kPost, host_apps_url(org), as.token, body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
  }

  // Creates a mini-program in `org` and returns its appId.
  std::string create_app(const TestUser& as, const std::string& org, const std::string& name) {
    auto r = call(Method::kPost, "/api/v1/orgs/" + org + "/apps", as.token, {{"name", name}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json()["appId"].get<std::string>();
  }

  // Rows of `table` whose text columns contain `needle` anywhere (secrets must never be stored).
  std::int64_t rows_containing(const std::string& sql_concat_of_columns, const std::string& table,
                               const std::string& needle) {
    return server.app().db().read([&](core::Conn& c) {
      auto& st = c.prepare(
          fmt::format("SELECT count(*) FROM {} WHERE instr({}, ?) > 0", table, sql_concat_of_columns));
      st.bind(1, needle);
      st.executeStep();
      return st.getColumn(0).getInt64();
    });
  }

  // The host apps the runtime catalog would load (apps_api.hpp), unsealed with the module's key
  // from the data directory.
  std::vector<apps::RuntimeHostApp> catalog() {
    const core::SealedBox sealed(server.app().secrets().random_key("sdk-secret-seal.key"));
    return server.app().db().read(
        [&](core::Conn& c) { return apps::load_runtime_data(c, sealed).host_apps; });
  }
};

}  // namespace cove::test::host_apps
