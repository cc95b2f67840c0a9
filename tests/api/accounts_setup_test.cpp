// The first-run setup link: a server started without COVE_ADMIN_* logs `/setup#<token>`; the token
// creates the first platform admin once, a wrong token or a second use is refused, a refused
// password does not burn it, and a configured admin means there is no link at all.
#include <regex>

#include <catch2/catch.hpp>

#include "core/log.hpp"
#include "support/accounts_fixture.hpp"
#include "support/auth_helpers.hpp"
#include "support/test_server.hpp"

using namespace cove;

namespace {

std::string setup_token(const std::string& logs) {
  std::smatch m;
  REQUIRE(std::regex_search(logs, m, std::regex(R"(path="?/setup#([A-Za-z0-9_-]+))")));
  return m[1].str();
}

nlohmann::json body(const std::string& token, const std::string& password = "Setup-Passw0rd-first") {
  return {
      {"token", token}, {"email", "first@platform.example"}, {"name", "First Admin"}, {"password", password}};
}

}  // namespace

TEST_CASE("the setup link creates the first platform admin once", "[api][accounts][setup]") {
  std::string logs;
  core::log::capture(&logs);
  test::TestServer server;
  core::log::capture(nullptr);
  const auto token = setup_token(logs);
  auto client = server.client();

  CHECK(client.get("/api/v1/setup").json()["available"] == true);
  auto wrong = client.post_json("/api/v1/setup", body(std::string(43, 'A')));
  CHECK(wrong.status == 403);
  CHECK(wrong.json()["code"] == "setup.invalid_token");
  // A password the policy refuses is a field error and leaves the link usable.
  auto weak = client.post_json("/api/v1/setup", body(token, "short"));
  CHECK(weak.status == 400);
  CHECK(weak.body.find("\"password\"") != std::string::npos);
  CHECK(client.post_json("/api/v1/setup", {{"token", token}}).status == 400);

  auto ok = client.post_json("/api/v1/setup", body(token));
  INFO(ok.body);
  REQUIRE(ok.status == 201);
  CHECK(ok.json()["platformRole"] == "platform_admin");
  CHECK(client.get("/api/v1/setup").json()["available"] == false);
  auto again = client.post_json("/api/v1/setup", body(token));
  CHECK(again.status == 404);
  CHECK(again.json()["code"] == "setup.not_available");

  // The new admin signs in without having to change the password they just chose.
  auto login = client.post_json("/api/v1/auth/login",
                                {{"email", "first@platform.example"}, {"password", "Setup-Passw0rd-first"}});
  REQUIRE(login.status == 200);
  auto me = client.request(http::Method::kGet, "/api/v1/me",
                           test::bearer(login.json()["accessToken"].get<std::string>()));
  CHECK(me.json()["restriction"].is_null());
  // The token never reaches the operation log or the access log.
  CHECK(logs.find(token) != std::string::npos);  // only in the start-up line
  const auto count = server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(
        "SELECT count(*) FROM audit_log WHERE action = 'operator.created' AND instr(coalesce(after_json, "
        "''), ?) = 0");
    st.bind(1, token);
    st.executeStep();
    return st.getColumn(0).getInt64();
  });
  CHECK(count == 1);
}

TEST_CASE("no setup link when the configuration names the first admin", "[api][accounts][setup]") {
  std::string logs;
  core::log::capture(&logs);
  test::TestServer server({.configure = [](core::Config& c) {
    c.set("admin.email", "admin@platform.example");
    c.set("admin.password", "Config-Passw0rd-admin");
  }});
  core::log::capture(nullptr);
  CHECK(logs.find("/setup#") == std::string::npos);
  CHECK(server.client().get("/api/v1/setup").json()["available"] == false);
  CHECK(server.client().post_json("/api/v1/setup", body(std::string(43, 'A'))).status == 404);
}
