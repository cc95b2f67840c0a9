#include "modules/gray/condition.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>
#include <re2/re2.h>

namespace cove::gray {

namespace {

constexpr std::array<std::pair<std::string_view, Operator>, 26> kOperators = {{
    {"IN", Operator::kIn},
    {"NOT_IN", Operator::kNotIn},
    {"STR_CONTAINS", Operator::kStrContains},
    {"STR_STARTS_WITH", Operator::kStrStartsWith},
    {"STR_ENDS_WITH", Operator::kStrEndsWith},
    {"NUM_EQ", Operator::kNumEq},
    {"NUM_GT", Operator::kNumGt},
    {"NUM_GTE", Operator::kNumGte},
    {"NUM_LT", Operator::kNumLt},
    {"NUM_LTE", Operator::kNumLte},
    {"DATE_AFTER", Operator::kDateAfter},
    {"DATE_BEFORE", Operator::kDateBefore},
    {"SEMVER_EQ", Operator::kSemverEq},
    {"SEMVER_GT", Operator::kSemverGt},
    {"SEMVER_GTE", Operator::kSemverGte},
    {"SEMVER_LT", Operator::kSemverLt},
    {"SEMVER_LTE", Operator::kSemverLte},
    {"VERSION_EQ", Operator::kVersionEq},
    {"VERSION_GT", Operator::kVersionGt},
    {"VERSION_GTE", Operator::kVersionGte},
    {"VERSION_LT", Operator::kVersionLt},
    {"VERSION_LTE", Operator::kVersionLte},
    {"REGEX", Operator::kRegex},
    {"IN_CIDR", Operator::kInCidr},
    {"IS_TRUE", Operator::kIsTrue},
    {"IS_FALSE", Operator::kIsFalse},
}};

bool is_string_op(Operator op) {
  return op == Operator::kStrContains || op == Operator::kStrStartsWith || op == Operator::kStrEndsWith;
}
bool is_number_op(Operator op) { return op >= Operator::kNumEq && op <= Operator::kNumLte; }
bool is_date_op(Operator op) { return op == Operator::kDateAfter || op == Operator::kDateBefore; }
bool is_semver_op(Operator op) { return op >= Operator::kSemverEq && op <= Operator::kSemverLte; }
bool is_version_op(Operator op) { return op >= Operator::kVersionEq && op <= Operator::kVersionLte; }
bool is_single_value(Operator op) {
  return is_number_op(op) || is_date_op(op) || is_semver_op(op) || is_version_op(op) ||
         op == Operator::kRegex;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

std::optional<double> parse_number(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

// An ordered comparison's verdict from compare()'s sign, for the *_EQ/GT/GTE/LT/LTE families.
bool verdict(int cmp, int family_index) {
  switch (family_index) {
    case 0: return cmp == 0;
    case 1: return cmp > 0;
    case 2: return cmp >= 0;
    case 3: return cmp < 0;
    case 4: return cmp <= 0;
  }
  return false;
}

int sign(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }

bool parse_truth(std::string_view s, bool& out) {
  const auto l = lower(s);
  if (l == "true" || l == "1") return out = true, true;
  if (l == "false" || l == "0") return out = false, true;
  return false;
}

}  // namespace

std::optional<Operator> parse_operator(std::string_view name) {
  for (const auto& [text, op] : kOperators) {
    if (text == name) return op;
  }
  return std::nullopt;
}

std::string_view operator_name(Operator op) {
  for (const auto& [text, o] : kOperators) {
    if (o == op) return text;
  }
  return "?";
}

std::optional<std::vector<std::int64_t>> parse_lenient_version(std::string_view text) {
  std::vector<std::int64_t> parts;
  if (text.empty() || text.size() > 64) return std::nullopt;
  std::size_t start = 0;
  while (true) {
    const auto dot = text.find('.', start);
    const auto part =
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 9 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    std::int64_t n = 0;
    std::from_chars(part.data(), part.data() + part.size(), n);
    parts.push_back(n);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

int compare_versions(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const auto x = i < a.size() ? a[i] : 0;
    const auto y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::variant<Condition, ConditionError> Condition::compile(const ConditionSpec& spec) {
  Condition c;
  const auto op = parse_operator(spec.op);
  if (!op)
    return ConditionError{"operator", "unknown_operator", fmt::format("Unknown operator '{}'", spec.op)};
  c.attribute_ = spec.attribute;
  c.op_ = *op;
  c.inverted_ = spec.inverted;
  c.case_insensitive_ = spec.case_insensitive;
  const bool needs_values = c.op_ != Operator::kIsTrue && c.op_ != Operator::kIsFalse;
  if (spec.values.size() > kMaxConditionValues) {
    return ConditionError{"values", "too_many", fmt::format("At most {} values", kMaxConditionValues)};
  }
  if (needs_values && spec.values.empty())
    return ConditionError{"values", "required", "Give at least one value"};
  if (is_single_value(c.op_) && spec.values.size() != 1) {
    return ConditionError{"values", "single_value", "This operator takes exactly one value"};
  }
  const std::size_t max_bytes = c.op_ == Operator::kRegex ? kMaxPatternBytes : kMaxValueBytes;
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    if (spec.values[i].size() > max_bytes) {
      return ConditionError{fmt::format("values[{}]", i), "too_long",
                            fmt::format("At most {} bytes", max_bytes)};
    }
  }
  const auto& first = spec.values.empty() ? std::string() : spec.values.front();
  if (is_number_op(c.op_)) {
    const auto n = parse_number(first);
    if (!n) return ConditionError{"values[0]", "bad_number", "Give a number"};
    c.number_ = *n;
  } else if (is_date_op(c.op_)) {
    if (!core::parse_rfc3339(first, c.date_)) {
      return ConditionError{"values[0]", "bad_date", "Give an RFC 3339 time, such as 2026-12-01T00:00:00Z"};
    }
  } else if (is_semver_op(c.op_)) {
    c.semver_ = core::SemVer::parse(first);
    if (!c.semver_)
      return ConditionError{"values[0]", "bad_semver", "Give a SemVer 2.0 version, such as 2.3.0"};
  } else if (is_version_op(c.op_)) {
    auto v = parse_lenient_version(first);
    if (!v) return ConditionError{"values[0]", "bad_version", "Give a dotted numeric version, such as 17.2"};
    c.version_ = std::move(*v);
  } else if (c.op_ == Operator::kRegex) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(!c.case_insensitive_);
    options.set_max_mem(1 << 20);  // bounds the compiled program; RE2 matches in linear time
    auto re = std::make_shared<const RE2>(first, options);
    if (!re->ok())
      return ConditionError{"values[0]", "bad_regex", fmt::format("Invalid pattern: {}", re->error())};
    c.regex_ = std::move(re);
  } else if (c.op_ == Operator::kInCidr) {
    for (std::size_t i = 0; i < spec.values.size(); ++i) {
      auto range = core::CidrRange::parse(spec.values[i]);
      if (!range) {
        return ConditionError{fmt::format("values[{}]", i), "bad_cidr", "Give an address or a CIDR range"};
      }
      c.ranges_.push_back(*range);
    }
  } else {
    for (const auto& v : spec.values)
      c.strings_.push_back(c.case_insensitive_ && is_string_op(c.op_) ? lower(v) : v);
  }
  return c;
}

bool Condition::matches(const Attributes& attributes, core::TimePoint now) const {
  const bool result = evaluate(attributes.get(attribute_), now);
  return inverted_ ? !result : result;
}

bool Condition::evaluate(std::optional<std::string_view> value, core::TimePoint now) const {
  switch (op_) {
    case Operator::kIn:
    case Operator::kNotIn: {
      const bool in = value && std::find(strings_.begin(), strings_.end(), *value) != strings_.end();
      return op_ == Operator::kIn ? in : !in;
    }
    case Operator::kStrContains:
    case Operator::kStrStartsWith:
    case Operator::kStrEndsWith: {
      if (!value) return false;
      const std::string folded = case_insensitive_ ? lower(*value) : std::string();
      const std::string_view v = case_insensitive_ ? std::string_view(folded) : *value;
      return std::any_of(strings_.begin(), strings_.end(), [&](const std::string& s) {
        if (op_ == Operator::kStrContains) return v.find(s) != std::string_view::npos;
        if (op_ == Operator::kStrStartsWith) return v.starts_with(s);
        return v.ends_with(s);
      });
    }
    case Operator::kNumEq:
    case Operator::kNumGt:
    case Operator::kNumGte:
    case Operator::kNumLt:
    case Operator::kNumLte: {
      const auto n = value ? parse_number(*value) : std::nullopt;
      if (!n) return false;
      return verdict(sign(*n, number_), static_cast<int>(op_) - static_cast<int>(Operator::kNumEq));
    }
    case Operator::kDateAfter:
    case Operator::kDateBefore: {
      core::TimePoint t = now;
      if (value && !core::parse_rfc3339(*value, t)) return false;
      return op_ == Operator::kDateAfter ? t > date_ : t < date_;
    }
    case Operator::kSemverEq:
    case Operator::kSemverGt:
    case Operator::kSemverGte:
    case Operator::kSemverLt:
    case Operator::kSemverLte: {
      const auto v = value ? core::SemVer::parse(*value) : std::nullopt;
      if (!v) return false;
      return verdict(core::compare(*v, *semver_),
                     static_cast<int>(op_) - static_cast<int>(Operator::kSemverEq));
    }
    case Operator::kVersionEq:
    case Operator::kVersionGt:
    case Operator::kVersionGte:
    case Operator::kVersionLt:
    case Operator::kVersionLte: {
      const auto v = value ? parse_lenient_version(*value) : std::nullopt;
      if (!v) return false;
      return verdict(compare_versions(*v, version_),
                     static_cast<int>(op_) - static_cast<int>(Operator::kVersionEq));
    }
    case Operator::kRegex:
      return value && RE2::PartialMatch(re2::StringPiece(value->data(), value->size()), *regex_);
    case Operator::kInCidr:
      return value && std::any_of(ranges_.begin(), ranges_.end(),
                                  [&](const core::CidrRange& r) { return r.contains(*value); });
    case Operator::kIsTrue:
    case Operator::kIsFalse: {
      bool truth = false;
      if (!value || !parse_truth(*value, truth)) return false;
      return op_ == Operator::kIsTrue ? truth : !truth;
    }
  }
  return false;
}

}  // namespace cove::gray
