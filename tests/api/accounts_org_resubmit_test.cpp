// A rejected organisation corrects its data and resubmits (issue 14): before, `rejected` was final
// and registering again answered 409 orgs.owner_exists.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("a rejected organisation corrects its licence number and resubmits", "[api][orgs]") {
  test::World w = test::given() | test::org("B").owner() | test::operators();
  const auto registered =
      w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-OLD", "owner@fix.example"));
  REQUIRE(registered.status == 201);
  const auto org_id = registered.json()["id"].get<std::string>();
  const auto url = "/api/v1/orgs/" + org_id + "/resubmit";

  // While pending there is nothing to resubmit.
  auto signed_in = test::sign_in(w.server, "owner@fix.example", "Very-Secret-42");
  REQUIRE(signed_in.status == 200);
  auto token = signed_in.json()["accessToken"].get<std::string>();
  auto early = w.call(Method::kPost, url, token, nlohmann::json::object());
  CHECK(early.status == 409);
  CHECK(early.json()["code"] == "orgs.invalid_transition");

  REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + org_id + "/reject", w.platform_admin().token,
                 {{"reason", "The licence number does not match the scan"}})
              .status == 200);
  // A fresh sign-in sees the rejection and its reason.
  token = test::sign_in(w.server, "owner@fix.example", "Very-Secret-42").json()["accessToken"].get<std::string>();
  auto org = w.call(Method::kGet, "/api/v1/orgs/" + org_id, token);
  REQUIRE(org.status == 200);
  CHECK(org.json()["status"] == "rejected");
  CHECK(org.json()["statusReason"] == "The licence number does not match the scan");

  test::run_scenarios(
      w.server,
      {
          {.name = "no token", .method = Method::kPost, .url = url, .expected_status = 401},
          {.name = "another organisation's owner gets 404",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(w.org("B").owner().token),
           .body = "{}",
           .expected_status = 404},
          {.name = "a bad correction names the field and changes nothing",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(token),
           .body = R"({"licenseNo":"no spaces allowed","contactEmail":"nope","status":"active"})",
           .expected_status = 400,
           .expected = {R"("licenseNo":)", R"("contactEmail":)", R"("status":{"code":"unknown_field")"}},
          {.name = "the owner corrects and resubmits: back in the operators' queue",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(token),
           .body = R"({"licenseNo":"LIC-NEW","contactName":"Han Meimei"})",
           .expected = {R"("status":"pending")", R"("licenseNo":"LIC-NEW")", R"("contactName":"Han Meimei")"},
           .events = {"org.resubmitted"},
           .audit = {"org.resubmitted"},
           .check =
               [&](const http::ClientResponse&) {
                 auto queue = w.call(Method::kGet, "/api/v1/platform/orgs?status=pending", w.reviewer().token);
                 REQUIRE(queue.status == 200);
                 CHECK(queue.body.find(org_id) != std::string::npos);
                 // The log keeps what was rejected and why.
                 const auto rows = test::audit_rows(w.server, "org.resubmitted");
                 REQUIRE(rows.size() == 1);
                 CHECK(rows[0].after["licenseNo"] == "LIC-NEW");
                 auto log = w.call(Method::kGet,
                                   "/api/v1/platform/operation-log?action=org.resubmitted&orgId=" + org_id,
                                   w.platform_admin().token);
                 REQUIRE(log.status == 200);
                 CHECK(log.json()["items"][0]["before"]["reason"] == "The licence number does not match the scan");
                 CHECK(log.json()["items"][0]["before"]["licenseNo"] == "LIC-OLD");
               }},
      });
}

TEST_CASE("a resubmission may not take a licence number registered meanwhile", "[api][orgs]") {
  test::World w = test::given() | test::operators();
  const auto first =
      w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-1", "first@x.example"));
  REQUIRE(first.status == 201);
  const auto org_id = first.json()["id"].get<std::string>();
  REQUIRE(w.call(Method::kPost, "/api/v1/platform/orgs/" + org_id + "/reject", w.platform_admin().token,
                 {{"reason", "Unreadable scan"}})
              .status == 200);
  // Rejected organisations do not hold their number: someone else registers it.
  REQUIRE(w.call(Method::kPost, "/api/v1/orgs/register", "", test::registration_body("LIC-1", "second@x.example"))
              .status == 201);
  const auto token =
      test::sign_in(w.server, "first@x.example", "Very-Secret-42").json()["accessToken"].get<std::string>();
  auto same = w.call(Method::kPost, "/api/v1/orgs/" + org_id + "/resubmit", token, nlohmann::json::object());
  CHECK(same.status == 409);
  CHECK(same.json()["code"] == "orgs.license_exists");
  auto other = w.call(Method::kPost, "/api/v1/orgs/" + org_id + "/resubmit", token, {{"licenseNo", "LIC-2"}});
  CHECK(other.status == 200);
  CHECK(other.json()["status"] == "pending");
  // Still pending: a second resubmission is refused.
  CHECK(w.call(Method::kPost, "/api/v1/orgs/" + org_id + "/resubmit", token, nlohmann::json::object()).status ==
        409);
}
