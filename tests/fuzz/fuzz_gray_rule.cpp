// Gray rules come from users: any byte string must parse into a rule or field errors (never a
// crash, never an unbounded evaluation), and an accepted rule must evaluate, with its explanation
// agreeing with the evaluator, against contexts built from the same input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/gray/context_attributes.hpp"
#include "modules/gray/rule.hpp"
#include "modules/gray/rule_explain.hpp"
#include "modules/gray/uid_import.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

class NoLists final : public cove::gray::UidLists {
 public:
  bool contains(std::string_view, std::string_view uid) const override { return uid.size() % 2 == 0; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The UID list reader sees the same bytes: it either reads ids within the limits or refuses.
  try {
    cove::gray::read_uid_text(text, size % 2 ? cove::gray::UidFormat::kCsv : cove::gray::UidFormat::kText, 1000,
                              [](std::string_view id) { require(!id.empty() && id.size() <= cove::gray::kMaxUidBytes); });
  } catch (const cove::core::Error& e) {
    require(e.status() == 400);
  }

  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return 0;
  cove::core::FieldErrors errors;
  const auto rule = cove::gray::Rule::parse(doc.value("rule", nlohmann::json()), errors);
  require(rule.has_value() == errors.empty());
  if (!rule) return 0;
  cove::core::FieldErrors context_errors;
  const auto context =
      cove::gray::ContextAttributes::parse(doc.value("context", nlohmann::json::object()), context_errors);
  const NoLists lists;
  const auto now = cove::core::TimePoint{} + std::chrono::hours(24 * 365 * 56);
  const bool matched = rule->matches(context, lists, "gpl_fuzz", now);
  const auto verdict = cove::gray::explain_rule(*rule, context, lists, "gpl_fuzz", now);
  require(verdict.matched == matched);
  return 0;
}
