// Articles (issue 16, 文章发布中心): an organisation writes them for its own host apps, operators
// for every host app; draft → published (now or at a scheduled time) → archived; host apps read
// the published ones they may show through the signed runtime API, with ETags and a cover image.
#include <catch2/catch.hpp>

#include "apps_steps.hpp"
#include "core/clock.hpp"
#include "notify_steps.hpp"
#include "runtime_sdk.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(64, '\x03');

std::string org_articles(const std::string& org_id) { return "/api/v1/orgs/" + org_id + "/articles"; }

std::string create(test::World& w, const std::string& url, const std::string& token, const nlohmann::json& body) {
  const auto r = w.call(Method::kPost, url, token, body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<std::string>();
}

void publish(test::World& w, const std::string& base, const std::string& id, const std::string& token,
             const nlohmann::json& body = nlohmann::json::object()) {
  const auto r = w.call(Method::kPost, base + "/" + id + "/publish", token, body);
  INFO(r.body);
  REQUIRE(r.status == 200);
}

std::vector<std::string> runtime_titles(test::World& w, const test::HostAppHandle& h, const std::string& query = "") {
  const auto r = test::runtime_get(w, "/runtime/v1/articles" + query, h);
  INFO(r.body);
  REQUIRE(r.status == 200);
  std::vector<std::string> titles;
  const auto body = r.json();  // kept: the loop below iterates inside it
  for (const auto& a : body["items"]) titles.push_back(a["title"].get<std::string>());
  return titles;
}

}  // namespace

TEST_CASE("an organisation writes articles; bad input is refused field by field", "[api][notify][articles]") {
  test::World w = test::given() | test::org("A").owner().developer() | test::host_app("Wallet A") |
                  test::org("B").owner() | test::host_app("Wallet B");
  auto& a = w.org("A");
  const auto url = org_articles(a.id);
  const auto post = [&](std::string name, nlohmann::json body, int status, std::vector<std::string> expected,
                        std::vector<std::string> events = {}) {
    return Scenario{.name = std::move(name),
                    .method = Method::kPost,
                    .url = url,
                    .headers = test::bearer_json(a.developer().token),
                    .body = body.dump(),
                    .expected_status = status,
                    .expected = std::move(expected),
                    .events = events,
                    .audit = events};
  };
  const nlohmann::json ok = {{"title", "新功能上线"}, {"body", "Hello **world** <script>x</script>"}, {"category", "news"}};
  auto with = [&](nlohmann::json extra) {
    auto b = ok;
    b.update(extra);
    return b;
  };
  test::run_scenarios(
      w.server,
      {
          post("a draft", with({{"tags", {"a", "b", "a"}}, {"hostAppIds", {w.host_app("Wallet A").id}}}), 201,
               {R"("state":"draft")", R"("tags":["a","b"])", "<strong>world</strong>", w.host_app("Wallet A").id},
               {"article.created"}),
          post("missing fields and an unknown one", {{"titel", "x"}}, 400,
               {R"("title":{"code":"required")", R"("body":{"code":"required")",
                R"("category":{"code":"required")", R"("titel":{"code":"unknown_field")"}),
          post("another organisation's host app reads as unknown",
               with({{"hostAppIds", {w.host_app("Wallet B").id}}}), 400,
               {R"("hostAppIds[0]":{"code":"unknown_host_app")"}),
          post("too many tags", with({{"tags", std::vector<std::string>(11, "t")}}), 400,
               {R"("tags":{"code":"too_many")"}),
          post("a tag too long", with({{"tags", {std::string(31, 't')}}}), 400, {R"("tags[0]":{"code":"too_long")"}),
          post("a bad schedule", with({{"publishAt", "soon"}}), 400, {R"("publishAt":{"code":"invalid_time")"}),
      });
}

TEST_CASE("an organisation's article is its own", "[api][notify][articles]") {
  test::World w = test::given() | test::org("A").owner() | test::org("B").owner() | test::operators();
  auto& a = w.org("A");
  const auto id = create(w, org_articles(a.id), a.owner().token,
                         {{"title", "T"}, {"body", "x <script>y</script>"}, {"category", "c"}});
  const auto r = w.call(Method::kGet, "/api/v1/articles/" + id, a.owner().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["bodyHtml"].get<std::string>().find("<script") == std::string::npos);
  // Another organisation cannot see or touch it, nor list it.
  const auto& b_owner = w.org("B").owner();
  CHECK(w.call(Method::kGet, "/api/v1/articles/" + id, b_owner.token).status == 404);
  CHECK(w.call(Method::kPost, "/api/v1/articles/" + id + "/publish", b_owner.token).status == 404);
  CHECK(w.call(Method::kGet, org_articles(w.org("B").id), b_owner.token).json()["total"] == 0);
  // Nor is it one of the platform's.
  CHECK(w.call(Method::kGet, "/api/v1/platform/articles/" + id, w.platform_admin().token).status == 404);
  CHECK(w.call(Method::kGet, "/api/v1/platform/articles", w.platform_admin().token).json()["total"] == 0);
}

TEST_CASE("articles move from draft to published to archived", "[api][notify][articles]") {
  test::World w = test::given() | test::org("A").owner();
  auto& a = w.org("A");
  const auto id = create(w, org_articles(a.id), a.owner().token, {{"title", "T"}, {"body", "b"}, {"category", "c"}});
  const auto base = "/api/v1/articles/" + id;
  const auto action = [&](std::string name, std::string path, int status, std::vector<std::string> expected,
                          std::vector<std::string> events = {}, std::string body = "") {
    return Scenario{.name = std::move(name),
                    .method = Method::kPost,
                    .url = base + path,
                    .headers = test::bearer_json(a.owner().token),
                    .body = std::move(body),
                    .expected_status = status,
                    .expected = std::move(expected),
                    .events = events,
                    .audit = events};
  };
  // One story, in order: each row sees what the rows before it did.
  const std::vector<Scenario> story = {
          action("a draft is not archived", "/archive", 409, {"notify.invalid_article_transition"}),
          action("published now", "/publish", 200, {R"("state":"published")"}, {"article.published"}),
          action("not twice", "/publish", 409, {"notify.invalid_article_transition"}),
          action("archived", "/archive", 200, {R"("state":"archived")"}, {"article.archived"}),
          action("published again, at a time", "/publish", 200, {R"("publishAt":"2030-01-01T00:00:00.000Z")"},
                 {"article.published"}, R"({"publishAt":"2030-01-01T00:00:00Z"})"),
          {.name = "edited",
           .method = Method::kPatch,
           .url = base,
           .headers = test::bearer_json(a.owner().token),
           .body = R"({"title":"T2","summary":"s"})",
           .expected = {R"("title":"T2")", R"("summary":"s")"},
           .events = {"article.updated"},
           .audit = {"article.updated"}},
          {.name = "a cover that is not an image",
           .method = Method::kPut,
           .url = base + "/cover",
           .headers = test::bearer(a.owner().token),
           .body = "GIF89a not a png",
           .expected_status = 415,
           .expected = {"unsupported_media_type"}},
          {.name = "a PNG cover",
           .method = Method::kPut,
           .url = base + "/cover",
           .headers = test::bearer(a.owner().token),
           .body = kPng,
           .expected = {R"("contentType":"image/png")", "/cover"},
           .events = {"article.updated"},
           .audit = {"article.cover_set"}},
          {.name = "deleted",
           .method = Method::kDelete,
           .url = base,
           .headers = test::bearer(a.owner().token),
           .expected_status = 204,
           .events = {"article.deleted"},
           .audit = {"article.deleted"}},
          {.name = "gone",
           .method = Method::kGet,
           .url = base,
           .headers = test::bearer(a.owner().token),
           .expected_status = 404,
           .expected = {R"("code":"not_found")"}},
  };
  for (const auto& row : story) test::run_scenario(w.server, row);
}

TEST_CASE("host apps read the published articles meant for them through the runtime", "[api][notify][articles]") {
  test::World w = test::given() | test::org("A").owner() | test::host_app("Wallet A") | test::host_app("Shop A") |
                  test::org("B").owner() | test::host_app("Wallet B") | test::operators();
  auto& a = w.org("A");
  const auto& wallet_a = w.host_app("Wallet A");
  const auto& shop_a = w.host_app("Shop A");
  const auto& wallet_b = w.host_app("Wallet B");
  const auto& admin = w.platform_admin();
  const auto a_url = org_articles(a.id);
  const auto p_url = std::string("/api/v1/platform/articles");

  const auto all_a = create(w, a_url, a.owner().token, {{"title", "A all"}, {"body", "# Hi\n\ntext"}, {"category", "news"}});
  const auto only_shop = create(w, a_url, a.owner().token,
                                {{"title", "A shop"}, {"body", "b"}, {"category", "tips"}, {"hostAppIds", {shop_a.id}}});
  const auto later = create(w, a_url, a.owner().token, {{"title", "A later"}, {"body", "b"}, {"category", "news"}});
  create(w, a_url, a.owner().token, {{"title", "A draft"}, {"body", "b"}, {"category", "news"}});
  const auto platform = create(w, p_url, admin.token, {{"title", "P all"}, {"body", "b"}, {"category", "news"}});
  const auto platform_b =
      create(w, p_url, admin.token, {{"title", "P to B"}, {"body", "b"}, {"category", "news"}, {"hostAppIds", {wallet_b.id}}});
  publish(w, "/api/v1/articles", all_a, a.owner().token);
  publish(w, "/api/v1/articles", only_shop, a.owner().token);
  publish(w, "/api/v1/articles", later, a.owner().token, {{"publishAt", "2099-01-01T00:00:00Z"}});
  publish(w, p_url, platform, admin.token);
  publish(w, p_url, platform_b, admin.token);
  test::settle(w);
  REQUIRE(test::await_runtime(w, "/runtime/v1/articles", wallet_b, 200, "P to B").status == 200);

  const auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  using V = std::vector<std::string>;
  CHECK(sorted(runtime_titles(w, wallet_a)) == V{"A all", "P all"});
  CHECK(sorted(runtime_titles(w, shop_a)) == V{"A all", "A shop", "P all"});
  CHECK(sorted(runtime_titles(w, wallet_b)) == V{"P all", "P to B"});
  CHECK(runtime_titles(w, shop_a, "?category=tips") == V{"A shop"});

  // Pages of one, walked by the cursor, give the same three without repeats.
  V walked;
  std::string cursor;
  for (int i = 0; i < 5; ++i) {
    const auto r = test::runtime_get(w, "/runtime/v1/articles?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor), shop_a);
    REQUIRE(r.status == 200);
    const auto body = r.json();
    for (const auto& item : body["items"]) walked.push_back(item["title"].get<std::string>());
    if (body["nextCursor"].is_null()) break;
    cursor = body["nextCursor"].get<std::string>();
  }
  CHECK(sorted(walked) == V{"A all", "A shop", "P all"});

  // One article: HTML and text, ETag and 304; not for a host app it does not target.
  auto r = test::runtime_get(w, "/runtime/v1/articles/" + all_a, wallet_a);
  REQUIRE(r.status == 200);
  CHECK(r.json()["html"] == "<h1>Hi</h1>\n<p>text</p>\n");
  CHECK(r.json()["text"].get<std::string>().find("text") != std::string::npos);
  const auto etag = r.headers.get("ETag");
  REQUIRE(etag);
  test::SignOptions conditional;
  conditional.extra.set("If-None-Match", std::string(*etag));
  CHECK(test::runtime_get(w, "/runtime/v1/articles/" + all_a, wallet_a, conditional).status == 304);
  CHECK(test::runtime_get(w, "/runtime/v1/articles/" + only_shop, wallet_a).status == 404);
  CHECK(test::runtime_get(w, "/runtime/v1/articles/" + later, wallet_a).status == 404);
  CHECK(test::runtime_get(w, "/runtime/v1/articles/" + all_a, wallet_b).status == 404);
  // Unsigned: refused.
  CHECK(w.server.client().request(Method::kGet, "/runtime/v1/articles").status == 401);

  // A cover is served to the host app; archiving takes the article away.
  REQUIRE(w.server.client().request(Method::kPut, "/api/v1/articles/" + all_a + "/cover", test::bearer(a.owner().token), kPng).status == 200);
  r = test::await_runtime(w, "/runtime/v1/articles/" + all_a, wallet_a, 200, "coverUrl\":\"/runtime");
  REQUIRE(r.status == 200);
  r = test::runtime_get(w, r.json()["coverUrl"].get<std::string>(), wallet_a);
  CHECK(r.status == 200);
  CHECK(r.body == kPng);
  REQUIRE(w.call(Method::kPost, "/api/v1/articles/" + all_a + "/archive", a.owner().token).status == 200);
  CHECK(test::await_runtime(w, "/runtime/v1/articles/" + all_a, wallet_a, 404).status == 404);
}
