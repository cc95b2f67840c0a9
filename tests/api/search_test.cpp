// Search (issue 18, docs/search.md) through the real server: host apps find only the online
// mini-programs associated with them, organisations only their own, operators everything; the
// index follows releases, takedowns and associations within moments of the commit; bad queries
// are clear 400s; ETag; suggestions; the operators' index status and rebuild.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "accounts_steps.hpp"
#include "apps_steps.hpp"
#include "runtime_sdk.hpp"

using namespace cove;
using cove::http::Method;

namespace {

std::string encoded(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::vector<std::string> names_of(const http::ClientResponse& r) {
  std::vector<std::string> out;
  if (r.status != 200) return out;
  const auto body = r.json();  // kept: a range-for over a temporary's member would dangle
  for (const auto& item : body["items"]) out.push_back(item["name"].get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

http::ClientResponse runtime_search(test::World& w, const std::string& host, const std::string& q,
                                    const std::string& extra = "") {
  return test::runtime_get(w, "/runtime/v1/search?q=" + encoded(q) + extra, w.host_app(host));
}

// Polls a runtime search until it answers `want` (the index follows the outbox), for up to 3 s.
std::vector<std::string> await_names(test::World& w, const std::string& host, const std::string& q,
                                     const std::vector<std::string>& want) {
  std::vector<std::string> got;
  for (int i = 0; i < 300; ++i) {
    got = names_of(runtime_search(w, host, q));
    if (got == want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return got;
}

// Org A: 天气预报 released and served by Super App, 天气雷达 released but not associated, 天气草稿
// uploaded only (associated, never released). Org B: B天气 released, served by B Host.
test::Given catalogue() {
  return test::given() | test::operators() | test::org("A").owner().developer().viewer() |
         test::app("天气预报").released("1.0.0") | test::app("天气雷达").released("1.0.0") |
         test::app("天气草稿").uploaded("0.1.0") | test::host_app("Super App").serving("天气预报").serving("天气草稿") |
         test::org("B").owner().developer() | test::app("B天气").released("1.0.0") |
         test::host_app("B Host").serving("B天气");
}

}  // namespace

TEST_CASE("host apps find only online mini-programs associated with them", "[api][search]") {
  test::World w = catalogue();
  struct Row {
    const char* host;
    const char* q;
    std::vector<std::string> want;
  };
  const std::vector<Row> rows = {
      {"Super App", "天气", {"天气预报"}},           // not 天气雷达 (not associated), not 天气草稿 (never released)
      {"Super App", "tianqi", {"天气预报"}},         // pinyin
      {"Super App", "tq", {"天气预报"}},             // initials
      {"Super App", "天氣", {"天气预报"}},           // traditional
      {"Super App", "雷达", {}},                     // org A's, but not served by this host app
      {"Super App", "B天气", {"天气预报"}},          // never org B's B天气 (天气预报 matches: b is a prefix of its bao)
      {"B Host", "天气", {"B天气"}},
      {"B Host", "预报", {}},
  };
  for (const auto& row : rows) {
    INFO(row.host << " searching " << row.q);
    CHECK(await_names(w, row.host, row.q, row.want) == row.want);
  }
}

TEST_CASE("runtime search answers highlights, an ETag and a cursor", "[api][search]") {
  test::World w = catalogue();
  REQUIRE(await_names(w, "Super App", "天气", {"天气预报"}) == std::vector<std::string>{"天气预报"});
  auto r = runtime_search(w, "Super App", "天气");
  REQUIRE(r.status == 200);
  const auto j = r.json();
  REQUIRE(j["items"].size() == 1);
  const auto& item = j["items"][0];
  CHECK(item["appId"] == w.app("天气预报").id);
  CHECK(item["nameHighlighted"] == "<em>天气</em>预报");
  CHECK(item["version"] == "1.0.0");
  CHECK(item.contains("snippet"));
  CHECK(item["web3"] == false);
  CHECK(j["nextCursor"].is_null());
  const auto etag = std::string(*r.headers.get("ETag"));
  test::SignOptions o;
  o.extra.set("If-None-Match", etag);
  auto again = test::runtime_get(w, "/runtime/v1/search?q=" + encoded("天气"), w.host_app("Super App"), o);
  CHECK(again.status == 304);

  // Suggestions: names as the user types.
  auto s = test::runtime_get(w, "/runtime/v1/search/suggest?q=" + encoded("天"), w.host_app("Super App"));
  REQUIRE(s.status == 200);
  CHECK(s.json()["suggestions"] == nlohmann::json::array({"天气预报"}));

  // Unsigned: the runtime's 401.
  CHECK(w.server.client().get("/runtime/v1/search?q=a").status == 401);
}

TEST_CASE("bad queries are clear 400s", "[api][search]") {
  test::World w = catalogue();
  const auto field_code = [](const http::ClientResponse& r, const std::string& field) {
    INFO(r.body);
    REQUIRE(r.status == 400);
    CHECK(r.json()["code"] == "validation_failed");
    return r.json()["details"]["fields"][field]["code"].get<std::string>();
  };
  CHECK(field_code(runtime_search(w, "Super App", ""), "q") == "required");
  CHECK(field_code(runtime_search(w, "Super App", "!!! ，。"), "q") == "no_words");
  CHECK(field_code(runtime_search(w, "Super App", std::string(101, 'a')), "q") == "too_long");
  CHECK(field_code(runtime_search(w, "Super App", "a", "&limit=0"), "limit") != "");
  CHECK(field_code(runtime_search(w, "Super App", "a", "&limit=51"), "limit") != "");
  CHECK(field_code(runtime_search(w, "Super App", "a", "&cursor=bogus"), "cursor") == "invalid");
  auto& a = w.org("A");
  CHECK(field_code(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/search?q=%20", a.developer().token), "q") ==
        "no_words");
  CHECK(field_code(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/search", a.developer().token), "q") == "required");
}

TEST_CASE("the index follows takedown, restore, association and release", "[api][search]") {
  test::World w = catalogue();
  REQUIRE(await_names(w, "Super App", "天气", {"天气预报"}) == std::vector<std::string>{"天气预报"});
  const auto id = w.app("天气预报").id;

  const auto started = std::chrono::steady_clock::now();
  auto down = w.call(Method::kPost, "/api/v1/platform/apps/" + id + "/takedown", w.reviewer().token,
                     {{"reason", "违规内容"}});
  REQUIRE(down.status == 200);
  CHECK(await_names(w, "Super App", "天气", {}).empty());
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  CHECK(took.count() < 2000);

  REQUIRE(w.call(Method::kPost, "/api/v1/platform/apps/" + id + "/restore", w.reviewer().token).status == 200);
  CHECK(await_names(w, "Super App", "天气", {"天气预报"}) == std::vector<std::string>{"天气预报"});

  // Associating 天气雷达 makes it findable by this host app; releasing the draft does too.
  test::associate(w, w.host_app("Super App"), w.app("天气雷达").id);
  CHECK(await_names(w, "Super App", "雷达", {"天气雷达"}) == std::vector<std::string>{"天气雷达"});
  auto& a = w.org("A");
  test::approve_version(w, w.app("天气草稿").id, "0.1.0", a.developer().token);
  REQUIRE(test::release(w, w.app("天气草稿").id, "0.1.0", a.developer().token).status == 200);
  CHECK(await_names(w, "Super App", "草稿", {"天气草稿"}) == std::vector<std::string>{"天气草稿"});

  // A renamed mini-program is found by its new name.
  REQUIRE(w.call(Method::kPatch, "/api/v1/apps/" + id, a.developer().token, {{"name", "晴雨表"}}).status == 200);
  CHECK(await_names(w, "Super App", "晴雨", {"晴雨表"}) == std::vector<std::string>{"晴雨表"});
}

TEST_CASE("console search: an organisation sees its own, operators everything, with facets", "[api][search]") {
  test::World w = catalogue();
  auto& a = w.org("A");
  auto& b = w.org("B");
  const auto console = [&](const std::string& url, const std::string& token) {
    std::vector<std::string> got;
    http::ClientResponse r;
    for (int i = 0; i < 300; ++i) {
      r = w.call(Method::kGet, url, token);
      got = names_of(r);
      if (got.size() >= 1) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::pair{got, r};
  };
  const auto [mine, r] = console("/api/v1/orgs/" + a.id + "/search?q=" + encoded("天气"), a.viewer().token);
  CHECK(mine == std::vector<std::string>{"天气草稿", "天气雷达", "天气预报"});
  const auto facets = r.json()["facets"];
  CHECK(facets["status"].dump().find("\"draft\"") != std::string::npos);
  CHECK(facets["orgId"].size() == 1);

  const auto [theirs, rb] = console("/api/v1/orgs/" + b.id + "/search?q=" + encoded("天气"), b.developer().token);
  CHECK(theirs == std::vector<std::string>{"B天气"});
  // Another organisation's search route is a 404, not a peek.
  CHECK(w.call(Method::kGet, "/api/v1/orgs/" + a.id + "/search?q=x", b.owner().token).status == 404);

  const auto [all, ra] = console("/api/v1/platform/search?q=" + encoded("天气"), w.platform_admin().token);
  CHECK(all == std::vector<std::string>{"B天气", "天气草稿", "天气雷达", "天气预报"});
  CHECK(ra.json()["facets"]["orgId"].size() == 2);
  const auto [only_b, rf] =
      console("/api/v1/platform/search?q=" + encoded("天气") + "&orgId=" + b.id, w.platform_admin().token);
  CHECK(only_b == std::vector<std::string>{"B天气"});
  const auto [drafts, rd] =
      console("/api/v1/platform/search?q=" + encoded("天气") + "&status=draft", w.platform_admin().token);
  CHECK(drafts == std::vector<std::string>{"天气草稿"});
}

TEST_CASE("operators see the index status and rebuild it", "[api][search]") {
  test::World w = catalogue();
  const auto& admin = w.platform_admin().token;
  auto s = w.call(Method::kGet, "/api/v1/platform/search/status", admin);
  REQUIRE(s.status == 200);
  CHECK(s.json()["format"] == 1);
  auto r = w.call(Method::kPost, "/api/v1/platform/search/reindex", admin);
  INFO(r.body);
  REQUIRE(r.status == 202);
  nlohmann::json status;
  for (int i = 0; i < 300; ++i) {
    status = w.call(Method::kGet, "/api/v1/platform/search/status", admin).json();
    if (status["state"] == "ready" && status["lastRebuild"].is_object()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(status["state"] == "ready");
  CHECK(status["documents"] == 4);
  CHECK(status["complete"] == true);
  CHECK(status["lastRebuild"]["documents"] == 4);
  CHECK(names_of(runtime_search(w, "Super App", "天气")) == std::vector<std::string>{"天气预报"});
  // Reviewers read the status but do not rebuild.
  CHECK(w.call(Method::kGet, "/api/v1/platform/search/status", w.reviewer().token).status == 200);
  CHECK(w.call(Method::kPost, "/api/v1/platform/search/reindex", w.reviewer().token).status == 403);
}
