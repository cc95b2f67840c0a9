// Gray-release rules: the fixed JSON shape with field errors at exact paths, OR of groups, AND
// within one, UID lists, and sticky percentages that only ever add users as they grow.
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "modules/gray/rule.hpp"

using namespace cove;

namespace {

class Map final : public gray::Attributes {
 public:
  explicit Map(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  std::optional<std::string_view> get(std::string_view a) const override {
    auto it = values_.find(std::string(a));
    return it == values_.end() ? std::nullopt : std::optional<std::string_view>(it->second);
  }

 private:
  std::map<std::string, std::string> values_;
};

class Lists final : public gray::UidLists {
 public:
  std::map<std::string, std::set<std::string>> lists;
  bool contains(std::string_view list, std::string_view uid) const override {
    auto it = lists.find(std::string(list));
    return it != lists.end() && it->second.contains(std::string(uid));
  }
};

gray::Rule parse(const nlohmann::json& doc) {
  core::FieldErrors errors;
  auto rule = gray::Rule::parse(doc, errors);
  INFO(errors.fields().dump());
  REQUIRE(rule);
  return std::move(*rule);
}

bool matches(const gray::Rule& rule, std::map<std::string, std::string> attrs, const Lists& lists = {}) {
  return rule.matches(Map(std::move(attrs)), lists, "plan_1", std::chrono::system_clock::now());
}

}  // namespace

TEST_CASE("rules report every problem at its exact path", "[gray]") {
  const auto doc = nlohmann::json::parse(R"({"groups":[
    {"conditions":[{"attribute":"shoeSize","operator":"IN","values":["42"]},
                   {"attribute":"osVersion","operator":"SEMVER_GT","values":["17"]},
                   {"attribute":"ip","operator":"IN_CIDR","values":["300.1.1.1/8"]},
                   {"attribute":"uid","operator":"REGEX","values":["(a"],"extra":1}],
     "percentage":101, "stickiness":"colour"}], "note":"x"})");
  core::FieldErrors errors;
  CHECK_FALSE(gray::Rule::parse(doc, errors));
  const auto& f = errors.fields();
  INFO(f.dump());
  CHECK(f.contains("rule.groups[0].conditions[0].attribute"));
  CHECK(f["rule.groups[0].conditions[1].values[0]"]["code"] == "bad_semver");
  CHECK(f["rule.groups[0].conditions[2].values[0]"]["code"] == "bad_cidr");
  CHECK(f.contains("rule.groups[0].conditions[3].extra"));
  CHECK(f.contains("rule.groups[0].percentage"));
  CHECK(f.contains("rule.groups[0].stickiness"));
  CHECK(f.contains("rule.note"));

  core::FieldErrors empty;
  CHECK_FALSE(gray::Rule::parse(nlohmann::json::parse(R"({"groups":[]})"), empty));
  CHECK(empty.fields().contains("rule.groups"));
}

TEST_CASE("groups are OR-ed, conditions AND-ed; an empty group matches everyone", "[gray]") {
  const auto rule = parse(nlohmann::json::parse(R"({"groups":[
    {"conditions":[{"attribute":"platform","operator":"IN","values":["ios"]},
                   {"attribute":"osVersion","operator":"VERSION_GTE","values":["17.2"]}]},
    {"conditions":[{"attribute":"ctx.tier","operator":"IN","values":["gold"]}]}]})"));
  CHECK(matches(rule, {{"platform", "ios"}, {"osVersion", "17.4"}}));
  CHECK_FALSE(matches(rule, {{"platform", "ios"}, {"osVersion", "16.7"}}));
  CHECK(matches(rule, {{"platform", "android"}, {"ctx.tier", "gold"}}));
  CHECK_FALSE(matches(rule, {}));
  CHECK(matches(parse(nlohmann::json::parse(R"({"groups":[{}]})")), {}));
}

TEST_CASE("UID lists admit exactly their users", "[gray]") {
  Lists lists;
  lists.lists["ulst_a"] = {"u1", "u2"};
  const auto rule = parse(nlohmann::json::parse(R"({"groups":[{"uidLists":["ulst_a","ulst_missing"]}]})"));
  CHECK(matches(rule, {{"uid", "u2"}}, lists));
  CHECK_FALSE(matches(rule, {{"uid", "u3"}}, lists));
  CHECK_FALSE(matches(rule, {}, lists));
}

TEST_CASE("percentages are sticky and only add users as they grow", "[gray]") {
  const auto at = [](int p) { return parse({{"groups", {{{"percentage", p}}}}}); };
  std::set<std::string> previous;
  for (int p : {0, 10, 30, 60, 100}) {
    const auto rule = at(p);
    std::set<std::string> in;
    for (int u = 0; u < 2000; ++u) {
      if (matches(rule, {{"uid", "user-" + std::to_string(u)}})) in.insert("user-" + std::to_string(u));
    }
    for (const auto& u : previous) CHECK(in.contains(u));  // nobody falls back to the old version
    if (p == 0) CHECK(in.empty());
    if (p == 100) CHECK(in.size() == 2000);
    if (p == 30) CHECK((in.size() > 450 && in.size() < 750));  // about 30 % of 2,000
    previous = in;
  }
  // Without a uid the device id is used; without either, only 100 % includes the request.
  CHECK(matches(at(100), {}));
  CHECK_FALSE(matches(at(99), {}));
  const auto a = matches(at(50), {{"deviceId", "d-1"}});
  CHECK(a == matches(at(50), {{"deviceId", "d-1"}}));
}
