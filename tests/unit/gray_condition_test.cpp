// Gray-release conditions beyond the Unleash suites: MurmurHash3 reference values and sticky
// buckets, lenient VERSION_* comparisons, IS_TRUE/IS_FALSE, missing attributes, save-time errors.
#include <map>

#include <catch2/catch.hpp>

#include "modules/gray/condition.hpp"
#include "modules/gray/murmur3.hpp"

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

gray::Condition compile(gray::ConditionSpec spec) {
  auto c = gray::Condition::compile(spec);
  REQUIRE(std::holds_alternative<gray::Condition>(c));
  return std::get<gray::Condition>(std::move(c));
}

bool holds(const gray::ConditionSpec& spec, std::map<std::string, std::string> attrs) {
  return compile(spec).matches(Map(std::move(attrs)), std::chrono::system_clock::now());
}

}  // namespace

TEST_CASE("murmur3 x86 32-bit matches the reference implementation", "[gray]") {
  CHECK(gray::murmur3_x86_32("") == 0u);
  CHECK(gray::murmur3_x86_32("", 1) == 0x514E28B7u);
  CHECK(gray::murmur3_x86_32("hello") == 0x248BFA47u);
  CHECK(gray::murmur3_x86_32("The quick brown fox jumps over the lazy dog") == 0x2E4FF723u);
  // Buckets are 1..100 and never change for a user.
  for (int i = 0; i < 1000; ++i) {
    const auto b = gray::rollout_bucket("plan_1", std::to_string(i));
    CHECK((b >= 1 && b <= 100));
    CHECK(b == gray::rollout_bucket("plan_1", std::to_string(i)));
  }
}

TEST_CASE("VERSION_* compare dotted numbers with missing parts as zero", "[gray]") {
  CHECK(holds({"osVersion", "VERSION_GTE", {"17.2"}}, {{"osVersion", "17.2.1"}}));
  CHECK(holds({"osVersion", "VERSION_EQ", {"13"}}, {{"osVersion", "13.0.0"}}));
  CHECK(holds({"osVersion", "VERSION_LT", {"17.10"}}, {{"osVersion", "17.9"}}));
  CHECK_FALSE(holds({"osVersion", "VERSION_GT", {"17"}}, {{"osVersion", "16.99.99"}}));
  CHECK_FALSE(holds({"osVersion", "VERSION_GT", {"1"}}, {{"osVersion", "beta"}}));
  CHECK_FALSE(holds({"osVersion", "VERSION_GT", {"1"}}, {}));
}

TEST_CASE("missing attributes follow Unleash semantics, inverted flips them", "[gray]") {
  CHECK_FALSE(holds({"region", "IN", {"cn-sh"}}, {}));
  CHECK(holds({"region", "NOT_IN", {"cn-sh"}}, {}));
  CHECK_FALSE(holds({"region", "STR_CONTAINS", {"sh"}}, {}));
  CHECK(holds({"region", "STR_CONTAINS", {"sh"}, true}, {}));
  CHECK(holds({"ctx.vip", "IS_TRUE", {}}, {{"ctx.vip", "TRUE"}}));
  CHECK(holds({"ctx.vip", "IS_FALSE", {}}, {{"ctx.vip", "0"}}));
  CHECK_FALSE(holds({"ctx.vip", "IS_TRUE", {}}, {{"ctx.vip", "maybe"}}));
  CHECK(holds({"ip", "IN_CIDR", {"10.0.0.0/8", "2001:db8::/32"}}, {{"ip", "2001:db8::1"}}));
}

TEST_CASE("bad conditions are refused when saved, naming the field", "[gray]") {
  const auto error = [](gray::ConditionSpec spec) {
    auto c = gray::Condition::compile(spec);
    REQUIRE(std::holds_alternative<gray::ConditionError>(c));
    return std::get<gray::ConditionError>(c);
  };
  CHECK(error({"uid", "LIKE", {"x"}}).code == "unknown_operator");
  CHECK(error({"uid", "REGEX", {"(unclosed"}}).code == "bad_regex");
  CHECK(error({"sdkVersion", "SEMVER_GT", {"1.2"}}).code == "bad_semver");
  CHECK(error({"ip", "IN_CIDR", {"10.0.0.0/8", "nope"}}).field == "values[1]");
  CHECK(error({"ctx.n", "NUM_GT", {"ten"}}).code == "bad_number");
  CHECK(error({"now", "DATE_AFTER", {"yesterday"}}).code == "bad_date");
  CHECK(error({"uid", "IN", {}}).code == "required");
  CHECK(error({"ctx.n", "NUM_GT", {"1", "2"}}).code == "single_value");
  CHECK(error({"uid", "REGEX", {std::string(600, 'a')}}).code == "too_long");
}
