#pragma once
// One condition of a gray-release rule, with the operators and semantics of the Unleash client
// specification (IN … IN_CIDR, `inverted`, `caseInsensitive`) plus lenient VERSION_* comparisons
// for OS and SDK versions that are not SemVer ("17.2", "13") and IS_TRUE / IS_FALSE.
//
// Compiled once when a rule is saved (regexes, numbers, versions, ranges parsed up front), then
// evaluated per request without parsing anything again. A missing attribute makes the operator false —
// so NOT_IN is true, and `inverted` flips the result either way — exactly as Unleash clients do:
//   IN false · NOT_IN true · STR_* false · NUM_* false · DATE_* compares `now` when the attribute
//   is absent · SEMVER_* / VERSION_* false · REGEX false · IN_CIDR false · IS_TRUE / IS_FALSE false.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/cidr.hpp"
#include "core/clock.hpp"
#include "core/semver.hpp"

namespace re2 {
class RE2;
}

namespace cove::gray {

enum class Operator {
  kIn,
  kNotIn,
  kStrContains,
  kStrStartsWith,
  kStrEndsWith,
  kNumEq,
  kNumGt,
  kNumGte,
  kNumLt,
  kNumLte,
  kDateAfter,
  kDateBefore,
  kSemverEq,
  kSemverGt,
  kSemverGte,
  kSemverLt,
  kSemverLte,
  kVersionEq,
  kVersionGt,
  kVersionGte,
  kVersionLt,
  kVersionLte,
  kRegex,
  kInCidr,
  kIsTrue,
  kIsFalse,
};

std::optional<Operator> parse_operator(std::string_view name);
std::string_view operator_name(Operator op);

inline constexpr std::size_t kMaxConditionValues = 1000;
inline constexpr std::size_t kMaxValueBytes = 256;
inline constexpr std::size_t kMaxPatternBytes = 512;

// What a condition reads: attribute values of one request (uid, platform, ctx.<key>, …).
class Attributes {
 public:
  virtual ~Attributes() = default;
  virtual std::optional<std::string_view> get(std::string_view attribute) const = 0;
};

struct ConditionSpec {
  std::string attribute;
  std::string op;
  std::vector<std::string> values;
  bool inverted = false;
  bool case_insensitive = false;
};

// Why a condition cannot be compiled: a field-error code and a message for the person editing it.
struct ConditionError {
  std::string field;  // "operator", "values", "values[2]"
  std::string code;   // unknown_operator, bad_regex, bad_semver, bad_cidr, bad_number, bad_date, …
  std::string message;
};

class Condition {
 public:
  static std::variant<Condition, ConditionError> compile(const ConditionSpec& spec);

  // `attribute "now"` overrides `now` when the request carries it (tests, replays).
  bool matches(const Attributes& attributes, core::TimePoint now) const;

  const std::string& attribute() const { return attribute_; }
  Operator op() const { return op_; }

 private:
  bool evaluate(std::optional<std::string_view> value, core::TimePoint now) const;

  std::string attribute_;
  Operator op_ = Operator::kIn;
  bool inverted_ = false;
  bool case_insensitive_ = false;
  std::vector<std::string> strings_;  // lower-cased for case-insensitive string operators
  double number_ = 0;
  core::TimePoint date_{};
  std::optional<core::SemVer> semver_;
  std::vector<std::int64_t> version_;
  std::vector<core::CidrRange> ranges_;
  std::shared_ptr<const re2::RE2> regex_;
};

// Lenient dotted versions: "17.2" → {17, 2}; nullopt unless every part is digits (≤ 9 of them).
std::optional<std::vector<std::int64_t>> parse_lenient_version(std::string_view text);
// <0, 0, >0, missing parts counting as 0.
int compare_versions(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b);

}  // namespace cove::gray
