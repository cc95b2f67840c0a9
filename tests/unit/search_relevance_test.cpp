// The relevance table of issue 18: queries a user types into a host app's search box over a
// realistic catalogue (tests/support/search_catalogue.hpp), with the results that must come
// first. Built on a real database with the real index, tokenizer, query plan and ranking; only
// the apps and accounts modules are fakes (they hand over the catalogue).
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/db.hpp"
#include "core/migrate.hpp"
#include "modules/search/indexer.hpp"
#include "modules/search/search_service.hpp"
#include "support/manual_clock.hpp"
#include "support/search_catalogue.hpp"
#include "support/temp_dir.hpp"

using namespace cove;

namespace {

struct Index {
  test::TempDir dir{"cove-search-relevance"};
  test::ManualClock clock;
  std::unique_ptr<core::Db> db;
  test::CatalogueApps apps;
  test::NamesOnlyAccounts accounts;
  std::unique_ptr<search::Indexer> indexer;
  std::unique_ptr<search::SearchService> service;

  Index() {
    db = std::make_unique<core::Db>(core::DbOptions{.path = dir / "cove.db"});
    core::apply_migrations(*db, embedded_migrations::files());
    indexer = std::make_unique<search::Indexer>(*db, clock, apps, accounts);
    service = std::make_unique<search::SearchService>(*db, clock);
    REQUIRE(indexer->prepare());
    indexer->rebuild();
  }

  std::vector<std::string> top(const std::string& q, int n = 3) {
    search::SearchRequest r;
    r.q = q;
    r.limit = n;
    r.scope.host_app_id = "hst_1";
    std::vector<std::string> names;
    for (const auto& x : service->search(r).page) names.push_back(x.hit.name);
    return names;
  }
};

Index& shared_index() {
  static Index index;
  return index;
}

struct Row {
  const char* query;
  std::vector<std::string> first;  // in this order at the top (a prefix of the ranking)
  std::vector<std::string> among;  // somewhere in the top three
};

std::string show(const std::vector<std::string>& v) {
  std::string s = "[";
  for (const auto& x : v) s += (s.size() > 1 ? ", " : "") + x;
  return s + "]";
}

}  // namespace

TEST_CASE("the relevance table: expected results in the top three", "[unit][search][relevance]") {
  const std::vector<Row> rows = {
      // One Hanzi: names containing it, names starting with it first.
      {"微", {}, {"微信支付", "微博", "微信读书"}},
      {"钱", {"电子钱包"}, {}},
      {"车", {}, {"共享单车", "火车票"}},
      {"票", {}, {"火车票", "电影票", "电子发票"}},
      {"音", {}, {"网易云音乐", "QQ音乐"}},
      // Two Hanzi (the most common query).
      {"支付", {"支付宝"}, {"微信支付"}},
      {"打车", {"滴滴出行"}, {}},
      {"钱包", {"电子钱包"}, {}},
      {"地图", {"高德地图"}, {}},
      {"外卖", {"美团外卖"}, {}},
      {"音乐", {}, {"网易云音乐", "QQ音乐"}},
      {"天气", {"天气预报"}, {}},
      {"公交", {"长沙公交"}, {}},
      {"快递", {"顺丰快递"}, {}},
      {"发票", {"电子发票"}, {}},
      {"电影", {"电影票"}, {}},
      {"读书", {"微信读书"}, {}},
      {"医保", {"医保服务"}, {}},
      {"健康", {"健康码"}, {}},
      {"游戏", {}, {"消消乐", "斗地主"}},
      {"出行", {"滴滴出行"}, {}},
      // Longer runs.
      {"电子钱包", {"电子钱包"}, {}},
      {"网易云", {"网易云音乐"}, {}},
      {"微信支付", {"微信支付"}, {}},
      {"火车票", {"火车票"}, {}},
      {"滴滴打车", {"滴滴出行"}, {}},
      // Full pinyin.
      {"weixin", {}, {"微信支付", "微信读书"}},
      {"zhifubao", {"支付宝"}, {}},
      {"dianziqianbao", {"电子钱包"}, {}},
      {"qianbao", {"电子钱包"}, {}},
      {"waimai", {"美团外卖"}, {}},
      {"ditu", {"高德地图"}, {}},
      {"tianqi", {"天气预报"}, {}},
      {"huochepiao", {"火车票"}, {}},
      {"weibo", {"微博"}, {}},
      {"xiaohongshu", {"小红书"}, {}},
      {"gongjiao", {"长沙公交"}, {}},
      {"changsha", {"长沙公交"}, {}},
      {"zhi fu", {"支付宝"}, {"微信支付"}},
      // Initials.
      {"wx", {}, {"微信支付", "微信读书"}},
      {"zfb", {"支付宝"}, {}},
      {"dzqb", {"电子钱包"}, {}},
      {"mtwm", {"美团外卖"}, {}},
      {"ddcx", {"滴滴出行"}, {}},
      {"xhs", {"小红书"}, {}},
      {"jsq", {"计算器"}, {}},
      // Pinyin as it is typed (prefix of the last word).
      {"weix", {}, {"微信支付", "微信读书"}},
      {"zhif", {}, {"支付宝", "微信支付"}},
      // Traditional characters.
      {"電子錢包", {"电子钱包"}, {}},
      {"錢包", {"电子钱包"}, {}},
      {"滴滴打車", {"滴滴出行"}, {}},
      {"醫保", {"医保服务"}, {}},
      {"電影票", {"电影票"}, {}},
      {"火車票", {"火车票"}, {}},
      // Typos (one edit from five letters, two from nine).
      {"wether", {"Weather Now"}, {}},
      {"calculater", {"Calculator Pro"}, {}},
      {"tranlator", {"Translator"}, {}},
      {"fitnes", {"Fitness Tracker"}, {}},
      {"walet", {"Crypto Wallet"}, {}},
      {"recipies", {"Recipe Book"}, {}},
      {"chesss", {"Chess Master"}, {}},
      // Mixed scripts and full width.
      {"AI助手", {"AI助手"}, {}},
      {"AI", {}, {"AI助手", "智能客服"}},
      {"智能", {}, {"智能客服", "AI助手"}},
      {"ＡＩ助手", {"AI助手"}, {}},
      {"ＱＱ音乐", {"QQ音乐"}, {}},
      {"ｗｅａｔｈｅｒ", {"Weather Now"}, {}},
      // English.
      {"weather", {"Weather Now"}, {}},
      {"calc", {"Calculator Pro"}, {}},
      {"photo", {"Photo Editor"}, {}},
      {"bus", {"City Bus"}, {}},
      {"crypto wallet", {"Crypto Wallet"}, {}},
      {"music", {"Music Player"}, {}},
      {"chess", {"Chess Master"}, {}},
      {"notes", {"Note Taker"}, {}},
      {"web3", {}, {"电子钱包", "Crypto Wallet"}},
      {"qq", {"QQ音乐"}, {}},
      {"12306", {"火车票"}, {}},
      {"usdt", {"电子钱包"}, {}},
      {"Weather Now", {"Weather Now"}, {}},
  };
  REQUIRE(rows.size() >= 60);
  auto& index = shared_index();
  int failed = 0;
  for (const auto& row : rows) {
    const auto got = index.top(row.query);
    bool ok = got.size() >= row.first.size() && std::equal(row.first.begin(), row.first.end(), got.begin());
    for (const auto& name : row.among) ok = ok && std::find(got.begin(), got.end(), name) != got.end();
    if (!ok) {
      ++failed;
      UNSCOPED_INFO("query " << row.query << ": got " << show(got) << ", want first " << show(row.first)
                             << " and among the top three " << show(row.among));
    }
  }
  CHECK(failed == 0);
}

TEST_CASE("search answers nothing for what no mini-program has", "[unit][search][relevance]") {
  auto& index = shared_index();
  CHECK(index.top("量子物理").empty());
  CHECK(index.top("zzzzqqq").empty());
}

TEST_CASE("highlights are HTML-escaped around <em> marks", "[unit][search]") {
  CHECK(search::SearchService::marked_to_html("a<b>&\x02支付\x03\"") == "a&lt;b&gt;&amp;<em>支付</em>&quot;");
  auto& index = shared_index();
  search::SearchRequest r;
  r.q = "扫码";
  r.scope.host_app_id = "hst_1";
  const auto result = index.service->search(r);
  REQUIRE_FALSE(result.page.empty());
  CHECK(search::SearchService::marked_to_html(result.page[0].hit.snippet_marked).find("<em>扫码</em>") !=
        std::string::npos);
  r.q = "weixin";
  const auto pinyin = index.service->search(r);
  REQUIRE_FALSE(pinyin.page.empty());
  CHECK(search::SearchService::marked_to_html(pinyin.page[0].hit.name_marked).find("<em>微信</em>") != std::string::npos);
}

TEST_CASE("queries with nothing to search for are refused", "[unit][search]") {
  auto& index = shared_index();
  for (const char* q : {"", "   ", "!!!", "，。？", "\"*:()"}) {
    search::SearchRequest r;
    r.q = q;
    CHECK_THROWS_AS(index.service->search(r), core::Error);
  }
  search::SearchRequest r;
  r.q = std::string(101, 'a');
  CHECK_THROWS_AS(index.service->search(r), core::Error);
  // FTS5 syntax in a query is text, never an expression.
  r.q = "NEAR(支付 AND \"x\" OR *";
  CHECK_NOTHROW(index.service->search(r));
}

TEST_CASE("pages of a search follow each other without repeats", "[unit][search]") {
  auto& index = shared_index();
  search::SearchRequest r;
  r.q = "e";
  r.limit = 4;
  r.scope.host_app_id = "hst_1";
  std::vector<std::string> seen;
  for (int pages = 0; pages < 20; ++pages) {
    const auto result = index.service->search(r);
    for (const auto& x : result.page) seen.push_back(x.hit.app_id);
    if (!result.next_offset) break;
    r.offset = *result.next_offset;
  }
  auto sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  CHECK(seen.size() > 4);
}
