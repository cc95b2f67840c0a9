// The first platform operator: from admin.email / admin.password (COVE_ADMIN_EMAIL /
// COVE_ADMIN_PASSWORD) at start, or from `cove admin create-operator` with the password on stdin.
#include <catch2/catch.hpp>

#include "support/auth_helpers.hpp"
#include "support/cove_binary.hpp"
#include "support/temp_dir.hpp"

using namespace cove;

TEST_CASE("the first operator comes from admin.email and admin.password", "[api][auth]") {
  test::TestServer server({.configure = [](core::Config& c) {
    c.set("admin.email", "first@example.com");
    c.set("admin.password", "First-Horse-9");
  }});
  const auto login = test::sign_in(server, "first@example.com", "First-Horse-9");
  REQUIRE(login.status == 200);
  CHECK(login.json()["user"]["platformRole"] == "platform_admin");
  CHECK(login.json()["user"]["mustChangePassword"] == false);
  const auto created = test::audit_rows(server, "operator.created");
  REQUIRE(created.size() == 1);
  CHECK(created[0].actor_id == "system");
}

TEST_CASE("a first-operator password that fails the policy stops start-up", "[api][auth][cli]") {
  test::TempDir dir;
  const auto r =
      test::run_cove({"serve", "--listen", "127.0.0.1:0", "--data", (dir / "data").string()},
                     {{"COVE_ADMIN_EMAIL", "first@example.com"}, {"COVE_ADMIN_PASSWORD", "Tiny-Pw1"}});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err,
             Catch::Contains("admin.password") && Catch::Contains("password: Use at least 10 characters"));
  CHECK_THAT(r.err, !Catch::Contains("Tiny-Pw1"));
}

TEST_CASE("cove serve creates the first operator from COVE_ADMIN_EMAIL and COVE_ADMIN_PASSWORD",
          "[api][auth][cli]") {
  test::TempDir dir;
  test::CoveServer cove(dir / "data", {{"COVE_ADMIN_EMAIL", "first@example.com"},
                                       {"COVE_ADMIN_PASSWORD", "First-Horse-9"},
                                       {"COVE_SECURITY_PASSWORDHASHLOGN", "10"}});
  auto client = http::Client::from_url(cove.url());
  const auto login =
      client.post_json("/api/v1/auth/login", {{"email", "first@example.com"}, {"password", "First-Horse-9"}});
  CHECK(login.status == 200);
  const auto result = cove.stop();
  CHECK_THAT(result.err, Catch::Contains("first operator created") && Catch::Contains("first@example.com"));
  CHECK_THAT(result.err, !Catch::Contains("First-Horse-9"));
}

TEST_CASE("cove serve without an operator explains how to create one", "[api][auth][cli]") {
  test::TempDir dir;
  test::CoveServer cove(dir / "data");
  const auto result = cove.stop();
  CHECK_THAT(result.err,
             Catch::Contains("no platform operator exists") && Catch::Contains("COVE_ADMIN_EMAIL"));
}

TEST_CASE("cove admin create-operator reads the password from stdin", "[api][auth][cli]") {
  test::TempDir dir;
  const auto data = (dir / "data").string();
  const auto create = [&](const std::string& password, const std::string& email) {
    return test::run_process({"/bin/sh", "-c",
                              "printf '%s\\n' \"$PW\" | \"$COVE\" admin create-operator --email \"$EMAIL\" "
                              "--name 'Ops Person' --role platform_reviewer --data \"$DATA\""},
                             {.env = {{"PW", password},
                                      {"COVE", COVE_BINARY},
                                      {"EMAIL", email},
                                      {"DATA", data},
                                      {"COVE_SECURITY_PASSWORDHASHLOGN", "10"}}});
  };

  const auto weak = create("weak", "ops@example.com");
  CHECK(weak.exit_code == 1);
  CHECK_THAT(weak.err, Catch::Contains("password: Use at least 10 characters"));

  const auto ok = create("Console-Horse-9", "ops@example.com");
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Catch::Contains("operator created: usr_") && Catch::Contains("ops@example.com"));
  CHECK_THAT(ok.out + ok.err, !Catch::Contains("Console-Horse-9"));

  const auto again = create("Console-Horse-9", "OPS@example.com");
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Catch::Contains("already exists"));

  const auto usage = test::run_cove({"admin", "create-operator", "--data", data});
  CHECK(usage.exit_code == 2);
  CHECK_THAT(usage.err, Catch::Contains("--email is required"));

  {
    test::TestServer server({.data_dir = dir / "data"});
    const auto login = test::sign_in(server, "ops@example.com", "Console-Horse-9");
    REQUIRE(login.status == 200);
    CHECK(login.json()["user"]["platformRole"] == "platform_reviewer");
    CHECK(login.json()["user"]["mustChangePassword"] == false);
    // While a server holds the data directory the command refuses to run.
    const auto busy = create("Console-Horse-9", "other@example.com");
    CHECK(busy.exit_code == 1);
  }
}
