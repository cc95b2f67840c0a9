// The automated pre-checks over crafted packages: each check passing, warning and failing, with
// its evidence; and the chunked scanner finding matches across chunk boundaries exactly once.
#include <algorithm>
#include <fstream>

#include <catch2/catch.hpp>

#include "modules/review/precheck.hpp"
#include "modules/review/precheck_scan.hpp"
#include "support/temp_dir.hpp"
#include "support/zip_builder.hpp"

namespace review = cove::review;
namespace test = cove::test;

namespace {

const std::string kAppJson = R"({"pages":["pages/index/index"]})";

std::vector<review::CheckResult> check(test::TempDir& dir, const std::vector<test::ZipItem>& items,
                                       review::PrecheckOptions options = {}) {
  const auto path = dir.path() / "pkg.zip";
  test::write_zip(path, items);
  return review::run_prechecks(path, options);
}

const review::CheckResult& named(const std::vector<review::CheckResult>& all, const std::string& name) {
  for (const auto& c : all) {
    if (c.name == name) return c;
  }
  FAIL("no check " << name);
  return all.front();
}

}  // namespace

TEST_CASE("a clean package passes every check", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  const auto all = check(dir, {{"app.json", kAppJson}, {"pages/index/index.js", "Page({})"},
                               {"pages/index/index.wxml", "<view>hi</view>"}});
  REQUIRE(all.size() == 6);
  for (const auto& c : all) {
    INFO(c.name << ": " << c.summary);
    CHECK(c.result == "pass");
  }
}

TEST_CASE("structure: app.json and its pages", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  CHECK(named(check(dir, {{"pages/index/index.js", "Page({})"}}), "structure").result == "fail");
  CHECK(named(check(dir, {{"app.json", "{not json"}}), "structure").result == "fail");
  CHECK(named(check(dir, {{"app.json", R"({"pages":[]})"}}), "structure").result == "fail");
  const auto missing = named(check(dir, {{"app.json", "{\n  \"pages\": [\n    \"pages/index/index\",\n"
                                                      "    \"pages/gone/gone\"\n  ]\n}"},
                                         {"pages/index/index.js", "Page({})"}}),
                             "structure");
  CHECK(missing.result == "fail");
  REQUIRE(missing.evidence.size() == 1);
  CHECK(missing.evidence[0] == review::Evidence{"app.json", 4, "pages/gone/gone"});
  CHECK(missing.details["missing"] == 1);
}

TEST_CASE("limits: files and unpacked bytes", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  const std::vector<test::ZipItem> items = {{"app.json", kAppJson}, {"pages/index/index.js", std::string(1000, 'a')}};
  CHECK(named(check(dir, items, {.max_files = 10, .max_unpacked_bytes = 100000}), "limits").result == "pass");
  CHECK(named(check(dir, items, {.max_files = 2, .max_unpacked_bytes = 100000}), "limits").result == "warn");
  CHECK(named(check(dir, items, {.max_files = 1, .max_unpacked_bytes = 100000}), "limits").result == "fail");
  CHECK(named(check(dir, items, {.max_files = 10, .max_unpacked_bytes = 1000}), "limits").result == "fail");
}

TEST_CASE("dynamic code: eval and new Function in scripts only", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  auto c = named(check(dir, {{"app.json", kAppJson}, {"pages/index/index.js", "var evaluate = 1; retrieval(x);"},
                             {"docs/readme.md", "never use eval(x)"}}),
                 "dynamic_code");
  CHECK(c.result == "pass");  // evaluate, retrieval are not eval; markdown is not code
  c = named(check(dir, {{"app.json", kAppJson},
                        {"pages/index/index.js", "a();\nconst g = new   Function ('x', 'return x');\n"}}),
            "dynamic_code");
  CHECK(c.result == "fail");
  REQUIRE(c.evidence.size() == 1);
  CHECK(c.evidence[0] == review::Evidence{"pages/index/index.js", 2, "const g = new   Function ('x', 'return x');"});
}

TEST_CASE("privacy: APIs that need a declaration", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  const std::string code = "wx.chooseImage({count: 1});\n";
  auto c = named(check(dir, {{"app.json", kAppJson}, {"pages/index/index.js", code}}), "privacy");
  CHECK(c.result == "fail");
  CHECK(c.details["undeclared"] == nlohmann::json{"chooseImage"});
  CHECK(c.evidence[0].line == 1);
  c = named(check(dir, {{"app.json", R"({"pages":["pages/index/index"],"requiredPrivateInfos":["chooseImage"]})"},
                        {"pages/index/index.js", code},
                        {"pages/index/index.wxml", R"(<button open-type="getPhoneNumber">)"}}),
            "privacy");
  CHECK(c.result == "fail");  // getPhoneNumber in the template is undeclared
  CHECK(c.details["undeclared"] == nlohmann::json{"getPhoneNumber"});
  CHECK(c.details["used"] == nlohmann::json{"chooseImage", "getPhoneNumber"});
  c = named(check(dir, {{"app.json", R"({"pages":["pages/index/index"],"requiredPrivateInfos":["chooseImage"]})"},
                        {"pages/index/index.js", code}}),
            "privacy");
  CHECK(c.result == "pass");
}

TEST_CASE("domains: hosts are reported for the reviewer", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  auto c = named(check(dir, {{"app.json", kAppJson}, {"pages/index/index.js", "const u = 'http://plain.example';"}}),
                 "domains");
  CHECK(c.result == "pass");  // only https:// and wss:// are what a mini-program may call
  c = named(check(dir, {{"app.json", kAppJson},
                        {"pages/index/index.js", "get('HTTPS://API.Example.com/a');\nget('https://api.example.com/b');\n"},
                        {"pages/index/index.wxss", "background: url(https://cdn.example.net/x.png);"}}),
            "domains");
  CHECK(c.result == "warn");
  CHECK(c.details["hosts"] == nlohmann::json::parse(R"([{"host":"api.example.com","references":2},
                                                       {"host":"cdn.example.net","references":1}])"));
  CHECK(c.evidence.size() == 2);  // the first reference of each host
}

TEST_CASE("keywords: the operators' list, case-insensitive, warn or fail", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  const std::vector<test::ZipItem> items = {{"app.json", kAppJson},
                                            {"pages/index/index.js", "// Lottery\nconst a = 'CASINO night';\n"}};
  CHECK(named(check(dir, items), "keywords").result == "pass");
  auto c = named(check(dir, items, {.keywords = {{"lottery", "warn"}}}), "keywords");
  CHECK(c.result == "warn");
  CHECK(c.evidence[0] == review::Evidence{"pages/index/index.js", 1, "// Lottery"});
  c = named(check(dir, items, {.keywords = {{"lottery", "warn"}, {"casino", "fail"}}}), "keywords");
  CHECK(c.result == "fail");
  CHECK(c.evidence[0].line == 2);  // fail-level evidence first
  CHECK(named(check(dir, items, {.keywords = {{"a.b*", "fail"}}}), "keywords").result == "pass");  // literal
}

TEST_CASE("a file that is not a zip fails the structure check", "[unit][review][precheck]") {
  test::TempDir dir{"cove-precheck"};
  const auto path = dir.path() / "junk.zip";
  std::ofstream(path) << "not a zip";
  const auto all = review::run_prechecks(path, {});
  REQUIRE(all.size() == 1);
  CHECK(all[0].result == "fail");
}

TEST_CASE("the chunked scanner finds a match across chunk boundaries once, with its line", "[unit][review][scan]") {
  review::ChunkScanner scanner({R"((?i:https)://([a-z.]+))", R"(\b(eval)\s*\()"}, false);
  REQUIRE(scanner.ok());
  const std::string text = std::string(700, 'x') + "\nline two https://host.example.org/path eval(1)\n";
  for (std::size_t cut = 690; cut < text.size(); ++cut) {
    std::vector<review::ScanHit> hits;
    scanner.reset();
    const auto sink = [&](const review::ScanHit& h) { hits.push_back(h); };
    scanner.feed(std::string_view(text).substr(0, cut), false, sink);
    scanner.feed(std::string_view(text).substr(cut), true, sink);
    INFO("cut at " << cut);
    REQUIRE(hits.size() == 2);
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.pattern < b.pattern; });
    CHECK(hits[0].match == "host.example.org");
    CHECK(hits[0].line == 2);
    CHECK(hits[1].match == "eval");
    CHECK(hits[1].excerpt == "line two https://host.example.org/path eval(1)");
  }
  // Many small chunks: line numbers still count every newline.
  std::vector<review::ScanHit> hits;
  scanner.reset();
  std::string many;
  for (int i = 0; i < 3000; ++i) many += "a\n";
  many += "eval(2)";
  for (std::size_t i = 0; i < many.size(); i += 7)
    scanner.feed(std::string_view(many).substr(i, 7), i + 7 >= many.size(), [&](const auto& h) { hits.push_back(h); });
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 3001);
}

TEST_CASE("excerpts are valid UTF-8 whatever the bytes", "[unit][review][scan]") {
  CHECK(review::valid_utf8("ok \xE4\xBD\xA0\xE5\xA5") == "ok \xE4\xBD\xA0");
  CHECK(review::valid_utf8("\xFF\xFEx\x01y") == "xy");
}
