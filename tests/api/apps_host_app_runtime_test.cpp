// A host app created through the console API, as its SDK then sees it: the secret answered at
// creation signs runtime requests, associations and grants reach the runtime, rotation retires
// the old secret, and disabling or dissociating stops serving.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "runtime_sdk.hpp"

using namespace cove;
using cove::http::Method;

namespace {

std::string code_of(const http::ClientResponse& r) {
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("code") ? j["code"].get<std::string>() : "";
}

}  // namespace

TEST_CASE("a host app made through the API signs runtime requests with its secret",
          "[api][host_apps][runtime]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::app("Weather").released("1.0.0");
  auto& a = w.org("A");
  const auto app = w.app("Weather").id;

  auto r = w.call(Method::kPost, fmt::format("/api/v1/orgs/{}/host-apps", a.id), a.owner().token,
                  {{"name", "Super App"},
                   {"bundleIds", {{{"platform", "android"}, {"id", "com.acme.superapp"}}}},
                   {"customApis", {{{"name", "getWallet"}}, {{"name", "pay"}}}}});
  REQUIRE(r.status == 201);
  const auto created = r.json();
  const auto host_url = "/api/v1/host-apps/" + created["id"].get<std::string>();
  const test::HostAppHandle host{.name = "Super App",
                                 .id = created["id"].get<std::string>(),
                                 .org_key = "A",
                                 .sdk_key = created["sdkKey"].get<std::string>(),
                                 .secret = created["sdkSecret"].get<std::string>(),
                                 .bundle_id = "com.acme.superapp"};
  const auto url = "/runtime/v1/apps/" + app;

  r = test::await_runtime(w, url, host, 404, "runtime.not_associated");
  CHECK(code_of(r) == "runtime.not_associated");

  REQUIRE(
      w.call(Method::kPut, host_url + "/apps/" + app, a.developer().token, {{"allowedApis", {"getWallet"}}})
          .status == 200);
  r = test::await_runtime(w, url, host, 200);
  REQUIRE(r.status == 200);
  CHECK(r.json()["version"] == "1.0.0");
  CHECK(r.body.find("getWallet") != std::string::npos);
  CHECK(r.body.find("\"pay\"") == std::string::npos);  // defined, but not granted to this mini-program

  // Rotation: the new secret works, the old one is refused.
  r = w.call(Method::kPost, host_url + "/rotate-secret", a.owner().token);
  REQUIRE(r.status == 200);
  auto renewed = host;
  renewed.secret = r.json()["sdkSecret"].get<std::string>();
  REQUIRE(test::await_runtime(w, url, renewed, 200).status == 200);
  CHECK(code_of(test::runtime_get(w, url, host)) == "runtime.bad_signature");

  // A disabled host app is refused; enabling it again serves again.
  REQUIRE(w.call(Method::kPatch, host_url, a.owner().token, {{"status", "disabled"}}).status == 200);
  CHECK(code_of(test::await_runtime(w, url, renewed, 403)) == "runtime.host_app_disabled");
  REQUIRE(w.call(Method::kPatch, host_url, a.owner().token, {{"status", "active"}}).status == 200);
  REQUIRE(test::await_runtime(w, url, renewed, 200).status == 200);

  // Dissociating stops serving the mini-program to this host app.
  REQUIRE(w.call(Method::kDelete, host_url + "/apps/" + app, a.owner().token).status == 204);
  CHECK(code_of(test::await_runtime(w, url, renewed, 404, "runtime.not_associated")) ==
        "runtime.not_associated");
}
