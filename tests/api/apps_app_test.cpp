// Mini-programs through the API: create (validation, quota), read across tenants, edit, list
// with filters, icon and audit certificate, the status machine and deletion.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "review_steps.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

std::string png_bytes() { return std::string("\x89PNG\r\n\x1A\n", 8) + std::string(64, '\x01'); }

nlohmann::json full_app() {
  return {
      {"name", "天气小程序"},
      {"summary", "Forecasts for your city"},
      {"description", "Hourly forecasts.\nAir quality."},
      {"category", "tools"},
      {"tags", {"weather", "daily"}},
      {"developer", {{"name", "Han Meimei"}, {"email", "dev@acme.example"}, {"phone", "+86 21 5555 0102"}}},
      {"privacy",
       {{"policyUrl", "https://acme.example/privacy"},
        {"items", {{{"dataType", "location"}, {"purpose", "To show the weather where you are"}}}}}},
      {"repositoryUrl", "https://git.acme.example/weather"},
      {"securityRating", "A (SlowMist audit 2026-10)"},
      {"contracts",
       {{{"chain", "ethereum"},
         {"address", "0x5FbDB2315678afecb367f032d93F642f64180aa3"},
         {"name", "Tips"}}}}};
}

http::Headers with_type(const std::string& token, const char* type) {
  auto h = test::bearer(token);
  h.set("Content-Type", type);
  return h;
}

}  // namespace

TEST_CASE("mini-programs are created within an organisation", "[api][apps]") {
  test::World w = test::given() | test::org("A").developer().viewer();
  auto& a = w.org("A");
  const auto url = "/api/v1/orgs/" + a.id + "/apps";
  auto bad = full_app();
  bad["name"] = "";
  bad["tags"] = {"ok", "ok"};
  bad["privacy"]["items"] = {{{"dataType", "soul"}, {"purpose", "x"}}};
  bad["contracts"] = {{{"chain", "Ethereum Main"}, {"address", "0x1"}}};
  bad["repositoryUrl"] = "ftp://x";
  bad["colour"] = "blue";

  test::run_scenarios(
      w.server,
      {
          {.name = "every bad field is reported at once",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body = bad.dump(),
           .expected_status = 400,
           .expected = {R"("name":)", R"("tags[1]":)", R"("privacy.items[0].dataType":)",
                        R"("contracts[0].chain":)", R"("repositoryUrl":)",
                        R"("colour":{"code":"unknown_field")"}},
          {.name = "a developer creates one with every field",
           .method = Method::kPost,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body = full_app().dump(),
           .expected_status = 201,
           .expected = {R"("appId":"app_)", R"("status":"draft")", "天气小程序", R"("dataType":"location")",
                        R"("chain":"ethereum")", R"("releasedVersion":null)"},
           .events = {"app.created"},
           .audit = {"app.created"},
           .check =
               [&](const http::ClientResponse& r) {
                 const auto id = r.json()["appId"].get<std::string>();
                 CHECK(w.audit_count("app.created", id) == 1);
                 CHECK(w.event_count("app.created") == 1);
                 auto got = w.call(Method::kGet, "/api/v1/apps/" + id, a.viewer().token);
                 CHECK(got.status == 200);
                 CHECK(got.json()["developer"]["email"] == "dev@acme.example");
               }},
      });
}

TEST_CASE("the organisation's app quota is enforced", "[api][apps][quotas]") {
  test::World w = test::given() | test::org("A").owner() | test::operators();
  auto& a = w.org("A");
  auto r = w.call(Method::kPut, "/api/v1/platform/orgs/" + a.id + "/quotas", w.platform_admin().token,
                  {{"maxApps", 1}});
  REQUIRE(r.status == 200);
  w | test::app("First");
  r = w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/apps", a.owner().token, {{"name", "Second"}});
  CHECK(r.status == 403);
  CHECK(r.json()["code"] == "quota.exceeded");
  CHECK(r.json()["details"]["quota"] == "maxApps");
}

TEST_CASE("mini-programs are isolated between organisations", "[api][apps]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::org("B").owner() |
                  test::operators() | test::app("Weather").in("A");
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto id = w.app("Weather").id;
  const auto url = "/api/v1/apps/" + id;
  test::run_scenarios(
      w.server,
      {
          {.name = "another organisation gets 404, not 403",
           .url = url,
           .headers = test::bearer(b.owner().token),
           .expected_status = 404,
           .not_expected = {"Weather"}},
          {.name = "an unknown id",
           .url = "/api/v1/apps/app_unknown",
           .headers = test::bearer(a.owner().token),
           .expected_status = 404},
          {.name = "a viewer reads it",
           .url = url,
           .headers = test::bearer(a.viewer().token),
           .expected = {"Weather"}},
          {.name = "a reviewer (platform:read) reads it",
           .url = url,
           .headers = test::bearer(w.reviewer().token),
           .expected = {"Weather"}},
          {.name = "a developer edits; absent fields stay",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body = R"({"summary":"Now with radar","tags":["radar"]})",
           .expected = {R"("summary":"Now with radar")", R"("name":"Weather")", R"("tags":["radar"])"},
           .events = {"app.updated"},
           .audit = {"app.updated"},
           .check = [&](const http::ClientResponse&) { CHECK(w.audit_count("app.updated", id) == 1); }},
          {.name = "an unknown field is refused",
           .method = Method::kPatch,
           .url = url,
           .headers = test::bearer_json(a.developer().token),
           .body = R"({"nmae":"typo"})",
           .expected_status = 400,
           .expected = {R"("nmae")"}},
      });
}

TEST_CASE("mini-program lists filter and paginate", "[api][apps]") {
  test::World w = test::given() | test::org("A").owner().viewer() | test::org("B").owner() |
                  test::operators() | test::app("Tool of B").in("B");
  auto& a = w.org("A");
  auto& b = w.org("B");
  for (int i = 0; i < 5; ++i) w | test::app(fmt::format("Tool {}", i)).in("A");
  const auto other = w.app("Tool of B").id;
  const auto base = "/api/v1/orgs/" + a.id + "/apps";

  auto first = w.call(Method::kGet, base + "?limit=3", a.viewer().token);
  REQUIRE(first.status == 200);
  CHECK(first.json()["items"].size() == 3);
  REQUIRE(first.json()["nextCursor"].is_string());
  auto second =
      w.call(Method::kGet, base + "?limit=3&cursor=" + first.json()["nextCursor"].get<std::string>(),
             a.viewer().token);
  CHECK(second.json()["items"].size() == 2);
  CHECK(second.json()["nextCursor"].is_null());
  CHECK(first.json()["total"] == 5);
  CHECK(second.json()["total"] == 5);
  CHECK(first.body.find(other) == std::string::npos);

  CHECK(w.call(Method::kGet, base + "?q=Tool%203", a.viewer().token).json()["items"].size() == 1);
  CHECK(w.call(Method::kGet, base + "?status=online", a.viewer().token).json()["items"].empty());
  CHECK(w.call(Method::kGet, base + "?status=lost", a.viewer().token).status == 400);

  // Operators see every organisation's mini-programs, filterable by organisation.
  auto all = w.call(Method::kGet, "/api/v1/platform/apps?limit=200", w.reviewer().token);
  REQUIRE(all.status == 200);
  CHECK(all.json()["items"].size() == 6);
  CHECK(all.json()["total"] == 6);
  auto of_b = w.call(Method::kGet, "/api/v1/platform/apps?orgId=" + b.id, w.reviewer().token);
  REQUIRE(of_b.json()["items"].size() == 1);
  CHECK(of_b.json()["total"] == 1);
  // Each row names its organisation, so operators read names rather than ids.
  CHECK(of_b.json()["items"][0]["orgName"] == b.name);
  const auto all_body = all.json();
  for (const auto& item : all_body["items"]) {
    CHECK(item["orgName"] == (item["orgId"] == b.id ? b.name : a.name));
  }
}

TEST_CASE("mini-program icons and audit certificates are stored and served", "[api][apps]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::app("Weather");
  auto& a = w.org("A");
  const auto id = w.app("Weather").id;
  auto client = w.server.client();
  const auto icon_url = "/api/v1/apps/" + id + "/icon";

  CHECK(client.request(Method::kGet, icon_url, test::bearer(a.viewer().token)).status == 404);
  auto r =
      client.request(Method::kPut, icon_url, with_type(a.developer().token, "image/png"), "GIF89a not a png");
  CHECK(r.status == 415);
  r = client.request(Method::kPut, icon_url, with_type(a.developer().token, "image/png"),
                     std::string(2 * 1024 * 1024, 'x'));
  CHECK(r.status == 413);
  r = client.request(Method::kPut, icon_url, with_type(a.developer().token, "image/png"), png_bytes());
  REQUIRE(r.status == 200);
  CHECK(r.json()["contentType"] == "image/png");

  auto got = client.request(Method::kGet, icon_url, test::bearer(a.viewer().token));
  REQUIRE(got.status == 200);
  CHECK(got.body == png_bytes());
  CHECK(got.headers.get("Content-Type") == "image/png");
  auto etag = std::string(*got.headers.get("ETag"));
  auto h = test::bearer(a.viewer().token);
  h.set("If-None-Match", etag);
  CHECK(client.request(Method::kGet, icon_url, h).status == 304);

  const auto cert_url = "/api/v1/apps/" + id + "/audit-certificate?filename=audit.pdf";
  r = client.request(Method::kPut, cert_url, with_type(a.developer().token, "application/pdf"),
                     "%PDF-1.7\n%…");
  REQUIRE(r.status == 200);
  CHECK(r.json()["name"] == "audit.pdf");
  got = client.request(Method::kGet, "/api/v1/apps/" + id + "/audit-certificate",
                       test::bearer(a.viewer().token));
  CHECK(got.status == 200);
  CHECK(got.body.starts_with("%PDF"));
  CHECK(std::string(got.headers.get("Content-Disposition").value_or("")).find("audit.pdf") !=
        std::string::npos);
}

TEST_CASE("mini-program status: online with a release, offline by the org, takedown by operators",
          "[api][apps][status]") {
  test::World w =
      test::given() | test::org("A").owner().developer() | test::operators() | test::self_release() |
      test::app("Weather");
  auto& a = w.org("A");
  const auto id = w.app("Weather").id;
  const auto url = "/api/v1/apps/" + id;
  const auto status = [&] {
    return w.call(Method::kGet, url, a.owner().token).json()["status"].get<std::string>();
  };

  // A draft cannot go offline or be brought online.
  CHECK(w.call(Method::kPost, url + "/offline", a.developer().token).status == 409);
  CHECK(w.call(Method::kPost, url + "/online", a.developer().token).status == 409);

  test::upload_ok(w, id, "1.0.0", a.developer().token);
  REQUIRE(test::release(w, id, "1.0.0", a.developer().token).status == 200);
  CHECK(status() == "online");

  // Online mini-programs cannot be deleted.
  auto r = w.call(Method::kDelete, url, a.owner().token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "apps.online");

  r = w.call(Method::kPost, url + "/offline", a.developer().token, {{"reason", "maintenance"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["offlineBy"] == "org");
  CHECK(w.call(Method::kPost, url + "/online", a.developer().token).status == 200);

  // Operator takedown: the organisation cannot undo it.
  CHECK(w.call(Method::kPost, "/api/v1/platform/apps/" + id + "/takedown", w.reviewer().token).status == 400);
  r = w.call(Method::kPost, "/api/v1/platform/apps/" + id + "/takedown", w.reviewer().token,
             {{"reason", "Collects location without declaring it"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["offlineBy"] == "platform");
  r = w.call(Method::kPost, url + "/online", a.owner().token);
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "apps.taken_down");
  CHECK(w.audit_count("app.taken_down", id) == 1);

  r = w.call(Method::kPost, "/api/v1/platform/apps/" + id + "/restore", w.reviewer().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "online");
  CHECK(w.call(Method::kPost, "/api/v1/platform/apps/app_unknown/restore", w.reviewer().token).status == 404);
}

TEST_CASE("draft and offline mini-programs can be deleted with their versions", "[api][apps]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::app("Weather").uploaded("1.0.0");
  auto& a = w.org("A");
  const auto id = w.app("Weather").id;
  CHECK(w.call(Method::kDelete, "/api/v1/apps/" + id, a.developer().token).status == 204);
  CHECK(w.call(Method::kGet, "/api/v1/apps/" + id, a.owner().token).status == 404);
  const auto versions = w.server.app().db().read(
      [&](core::Conn& c) { return c.query_int("SELECT count(*) FROM app_versions"); });
  CHECK(versions == 0);
  CHECK(w.audit_count("app.deleted", id) == 1);
}
