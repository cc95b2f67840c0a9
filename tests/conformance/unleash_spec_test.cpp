// The whole Unleash client specification through gray rules (see unleash_spec.hpp). Every test of
// every suite in index.json either passes or is listed, with its reason, in unleash-skips.json; a
// listed test that runs again, or an entry that matches nothing, fails here too.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include <catch2/catch.hpp>

#include "unleash_spec.hpp"

using namespace cove;
using conformance::Skip;

namespace {

std::size_t spec_test_count() {
  std::size_t n = 0;
  for (const auto& name : conformance::load_json(conformance::spec_dir() / "index.json")) {
    const auto suite = conformance::load_json(conformance::spec_dir() / name.get<std::string>());
    n += suite.value("tests", nlohmann::json::array()).size();
    n += suite.value("variantTests", nlohmann::json::array()).size();
  }
  return n;
}

bool has_failure_containing(const conformance::Report& report, std::string_view text) {
  for (const auto& f : report.failures) {
    if (f.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Unleash client specification through gray rules", "[conformance][gray]") {
  std::vector<std::string> problems;
  auto skips = conformance::load_skips(conformance::skips_file(), problems);
  for (const auto& p : problems) FAIL_CHECK(p);
  const auto report = conformance::run_spec(skips);
  for (const auto& f : report.failures) FAIL_CHECK(f);
  CHECK(report.passed + report.skipped + report.failures.size() == spec_test_count());

  std::cout << "unleash conformance: " << report.passed << " passed, " << report.skipped
            << " skipped as listed in tests/conformance/unleash-skips.json (" << report.refused
            << " refused at save, the refusal asserted; " << report.differs
            << " run with Cove's documented, different answer; "
            << report.skipped - report.refused - report.differs << " out of scope), " << report.failures.size()
            << " failed\n";
  for (const auto& [suite, n] : report.skipped_by_suite)
    std::cout << "  skipped " << n << ": " << suite << "\n";
}

TEST_CASE("the Unleash skip list cannot grow or go stale silently", "[conformance][gray]") {
  std::vector<std::string> problems;
  const auto listed = conformance::load_skips(conformance::skips_file(), problems);
  REQUIRE(problems.empty());
  REQUIRE_FALSE(listed.empty());

  SECTION("a skipped test that is no longer listed fails") {
    auto skips = listed;
    const auto last_refusal = std::find_if(skips.rbegin(), skips.rend(),
                                           [](const conformance::Skip& s) { return s.kind == "refused-at-save"; });
    REQUIRE(last_refusal != skips.rend());
    const auto dropped = *last_refusal;
    skips.erase(std::next(last_refusal).base());
    const auto report = conformance::run_spec(skips);
    CHECK(has_failure_containing(report, "is not listed as such in unleash-skips.json"));
    CHECK(has_failure_containing(report, dropped.suite));
  }
  SECTION("a difference that is no longer listed fails, as an unexplained wrong answer") {
    auto skips = listed;
    const auto differs = std::find_if(skips.begin(), skips.end(),
                                      [](const conformance::Skip& s) { return s.kind == "differs"; });
    REQUIRE(differs != skips.end());
    const auto test = differs->test;
    skips.erase(differs);
    const auto report = conformance::run_spec(skips);
    CHECK(has_failure_containing(report, test + ": expected false, got true"));
  }
  SECTION("a listed test that runs fails, and so does an entry matching nothing") {
    auto skips = listed;
    skips.push_back({.suite = "01-simple-examples.json",
                     .test = "Feature.A should be enabled",
                     .kind = "refused-at-save",
                     .code = "bad_cidr",
                     .reason = "test"});
    skips.push_back(
        {.suite = "01-simple-examples.json", .test = "No such test", .kind = "variants", .reason = "t"});
    const auto report = conformance::run_spec(skips);
    CHECK(has_failure_containing(report, "Feature.A should be enabled: listed as refused-at-save"));
    CHECK(has_failure_containing(report, "No such test (variants) matches no skipped test"));
  }
  SECTION("a refusal names one test and Cove's error code") {
    const auto file = std::filesystem::temp_directory_path() / "cove-unleash-skips-test.json";
    {
      std::ofstream out(file);
      out << R"([{"suite":"22-cidr-constraint-operators.json","test":"*","kind":"refused-at-save","reason":"x"},
                 {"suite":"08-variants.json","list":"variantTests","test":"*","kind":"variants"}])";
    }
    std::vector<std::string> found;
    conformance::load_skips(file, found);
    std::filesystem::remove(file);
    CHECK(found.size() == 2);
  }
}

TEST_CASE("Unleash strategies become gray rule groups", "[conformance][gray]") {
  const auto translate = [](const char* feature) {
    return conformance::translate_feature(nlohmann::json::parse(feature), nlohmann::json::array());
  };
  SECTION("userWithId and remoteAddress lists are split and trimmed") {
    const auto t = translate(R"({"enabled":true,"strategies":[
        {"name":"userWithId","parameters":{"userIds":"1, 2 ,3"}},
        {"name":"remoteAddress","parameters":{"IPs":"10.0.0.0/8 , ::1"}}]})");
    REQUIRE(t.kind == conformance::Translation::Kind::kRule);
    CHECK(t.document["groups"][0]["conditions"][0]["values"] == nlohmann::json({"1", "2", "3"}));
    CHECK(t.document["groups"][1]["conditions"][0]["values"] == nlohmann::json({"10.0.0.0/8", "::1"}));
  }
  SECTION("an unknown strategy or a missing segment matches nobody; no strategies, everybody") {
    const auto t = translate(R"({"enabled":true,"strategies":[{"name":"someoneElses"},
        {"name":"default","segments":[7]}]})");
    CHECK(t.document["groups"] == nlohmann::json::parse(R"([{"percentage":0},{"percentage":0}])"));
    CHECK(translate(R"({"enabled":true,"strategies":[]})").document["groups"] ==
          nlohmann::json::parse("[{}]"));
    CHECK(translate(R"({"enabled":false,"strategies":[]})").kind == conformance::Translation::Kind::kOff);
  }
  SECTION("a partial random rollout has no deterministic translation") {
    const auto t = translate(R"({"enabled":true,"strategies":[
        {"name":"gradualRolloutRandom","parameters":{"percentage":"30"}}]})");
    CHECK(t.kind == conformance::Translation::Kind::kOutOfScope);
    CHECK(t.scope == "random-rollout");
  }
}
