// UID lists through the API: upload as text or CSV, validation with line numbers and nothing
// written on error, replace and append, members and membership, tenancy, the in-use guard, and
// an import of a million ids.
#include <catch2/catch.hpp>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "gray_steps.hpp"
#include "runtime_sdk.hpp"

using namespace cove;
using cove::http::Method;

TEST_CASE("UID lists: create, read, edit and delete", "[api][gray][uid_lists]") {
  test::World w = test::given() | test::org("A").owner().developer().viewer() | test::org("B").owner();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto& token = a.developer().token;
  const auto lists_url = fmt::format("/api/v1/orgs/{}/uid-lists", a.id);

  SECTION("text and CSV uploads") {
    auto r = test::upload_list(w, Method::kPost, lists_url + "?name=beta&description=Beta%20testers", token,
                               "alice\n  bob  \r\n\n# a comment\nalice\n");
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(r.json()["size"] == 2);
    CHECK(r.json()["description"] == "Beta testers");
    const auto id = r.json()["id"].get<std::string>();
    auto csv = test::upload_list(w, Method::kPost, lists_url + "?name=csv", token,
                                 "uid,name\n\"carol, jr\",Carol\ndave,Dave\n", "text/csv; charset=utf-8");
    INFO(csv.body);
    REQUIRE(csv.status == 201);
    CHECK(csv.json()["size"] == 2);
    const auto csv_id = csv.json()["id"].get<std::string>();
    CHECK(w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members/carol%2C%20jr", csv_id), token)
              .status == 200);
    CHECK(w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members/uid", csv_id), token).status == 404);

    // Members page in id order.
    auto page =
        w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members?limit=1", id), a.viewer().token);
    REQUIRE(page.status == 200);
    CHECK(page.json()["items"] == nlohmann::json::array({"alice"}));
    const auto next = page.json()["nextCursor"].get<std::string>();
    auto page2 =
        w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members?limit=1&cursor={}", id, next), token);
    CHECK(page2.json()["items"] == nlohmann::json::array({"bob"}));
    CHECK(page2.json()["nextCursor"].is_null());
    CHECK(page.json()["total"] == 2);
    // Numbered pages: the second id by its offset; an offset and a cursor together are refused.
    auto by_offset =
        w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members?limit=1&offset=1", id), token);
    CHECK(by_offset.json()["items"] == nlohmann::json::array({"bob"}));
    CHECK(w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members?offset=1&cursor={}", id, next), token)
              .status == 400);

    // Append keeps, replace swaps; the revision grows each time.
    auto app = test::upload_list(w, Method::kPost, fmt::format("/api/v1/uid-lists/{}/members", id), token,
                                 "bob\nerin\n");
    REQUIRE(app.status == 200);
    CHECK(app.json()["size"] == 3);
    CHECK(app.json()["revision"] == 2);
    auto rep =
        test::upload_list(w, Method::kPut, fmt::format("/api/v1/uid-lists/{}/members", id), token, "zed\n");
    CHECK(rep.json()["size"] == 1);
    CHECK(rep.json()["revision"] == 3);

    // Rename; names are unique in the organisation.
    CHECK(w.call(Method::kPatch, "/api/v1/uid-lists/" + id, token, {{"name", "csv"}}).json()["code"] ==
          "uid_lists.name_taken");
    CHECK(w.call(Method::kPatch, "/api/v1/uid-lists/" + id, token, {{"name", "gamma"}}).json()["name"] ==
          "gamma");
    auto listed = w.call(Method::kGet, lists_url + "?q=gam", a.viewer().token);
    REQUIRE(listed.status == 200);
    CHECK(listed.json()["items"].size() == 1);

    CHECK(w.call(Method::kDelete, "/api/v1/uid-lists/" + id, token).status == 204);
    CHECK(w.call(Method::kGet, "/api/v1/uid-lists/" + id, token).status == 404);
    CHECK(w.audit_count("uid_list.deleted", id) == 1);
  }

  SECTION("bad input is refused with the line, and nothing is written") {
    const auto id = test::create_list(w, a.id, "keep", "alice\n", token);
    auto r = test::upload_list(w, Method::kPut, fmt::format("/api/v1/uid-lists/{}/members", id), token,
                               "bob\ncarol\n" + std::string(129, 'x') + "\n");
    CHECK(r.status == 400);
    CHECK(r.json()["code"] == "uid_lists.bad_line");
    CHECK(r.json()["details"]["line"] == 3);
    auto ctl = test::upload_list(w, Method::kPost, fmt::format("/api/v1/uid-lists/{}/members", id), token,
                                 std::string("ok\nbad\x01id\n"));
    CHECK(ctl.json()["details"]["line"] == 2);
    auto kept = w.call(Method::kGet, "/api/v1/uid-lists/" + id, token).json();
    CHECK(kept["size"] == 1);
    CHECK(kept["revision"] == 1);
    CHECK(
        test::upload_list(w, Method::kPost, lists_url + "?name=x", token, "a\n", "application/json").status ==
        415);
    CHECK(test::upload_list(w, Method::kPost, lists_url, token, "a\n")
              .json()["details"]["fields"]
              .contains("name"));
    CHECK(test::upload_list(w, Method::kPost, lists_url + "?name=keep", token, "a\n").json()["code"] ==
          "uid_lists.name_taken");
  }

  SECTION("another organisation's plan cannot name the list") {
    const auto id = test::create_list(w, a.id, "private", "alice\n", token);
    w | test::app("Weather").in("B").approved("1.0.0");
    const auto b_app = w.app("Weather").id;
    auto r = test::create_plan(
        w, b_app, {{"version", "1.0.0"}, {"rule", {{"groups", {{{"uidLists", {id}}}}}}}}, b.owner().token);
    CHECK(r.status == 400);
    CHECK(r.body.find("unknown_list") != std::string::npos);
  }

  SECTION("a list in use by an unfinished plan cannot be deleted") {
    const auto id = test::create_list(w, a.id, "inuse", "alice\n", token);
    w | test::app("Weather").in("A").approved("1.0.0");
    const auto app = w.app("Weather").id;
    const auto plan =
        test::plan_ok(w, app, {{"version", "1.0.0"}, {"rule", {{"groups", {{{"uidLists", {id}}}}}}}}, token);
    auto r = w.call(Method::kDelete, "/api/v1/uid-lists/" + id, token);
    CHECK(r.status == 409);
    CHECK(r.json()["details"]["plans"] == nlohmann::json::array({plan}));
    CHECK(w.call(Method::kDelete, "/api/v1/gray/plans/" + plan, token).status == 204);
    CHECK(w.call(Method::kDelete, "/api/v1/uid-lists/" + id, token).status == 204);
  }
}

TEST_CASE("a UID list of a million ids imports and serves membership", "[api][gray][uid_lists][large]") {
  test::World w = test::given() | test::org("A").owner().developer();
  auto& a = w.org("A");
  std::string body;
  body.reserve(20'000'000);
  for (int i = 0; i < 1'000'000; ++i) fmt::format_to(std::back_inserter(body), "user-{:07}\n", i);
  auto r = test::upload_list(w, Method::kPost, fmt::format("/api/v1/orgs/{}/uid-lists?name=million", a.id),
                             a.developer().token, body);
  INFO(r.body.substr(0, 300));
  REQUIRE(r.status == 201);
  CHECK(r.json()["size"] == 1'000'000);
  const auto id = r.json()["id"].get<std::string>();
  CHECK(
      w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members/user-0999999", id), a.developer().token)
          .status == 200);
  CHECK(
      w.call(Method::kGet, fmt::format("/api/v1/uid-lists/{}/members/user-1000000", id), a.developer().token)
          .status == 404);
  // One more id is past the limit, and the list stays as it was.
  auto over = test::upload_list(w, Method::kPost, fmt::format("/api/v1/uid-lists/{}/members", id),
                                a.developer().token, "one-more\n");
  CHECK(over.status == 400);
  CHECK(over.json()["code"] == "uid_lists.too_large");
  CHECK(w.call(Method::kGet, "/api/v1/uid-lists/" + id, a.developer().token).json()["size"] == 1'000'000);

  // The runtime loads it into its snapshot and answers from memory.
  w | test::app("Weather").released("1.0.0").approved("1.1.0") |
      test::host_app("Super App").serving("Weather") |
      test::gray_plan("Weather", "1.1.0", {{"groups", {{{"uidLists", {id}}}}}}).started();
  const auto& host = w.host_app("Super App");
  const auto app = w.app("Weather").id;
  const auto url = [&](const std::string& uid) {
    return fmt::format("/runtime/v1/apps/{}?uid={}", app, uid);
  };
  CHECK(test::await_runtime(w, url("user-0500000"), host, 200, "1.1.0").json()["version"] == "1.1.0");
  CHECK(test::runtime_get(w, url("user-1500000"), host).json()["version"] == "1.0.0");
}
