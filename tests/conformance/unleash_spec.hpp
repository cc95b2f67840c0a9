#pragma once
// The Unleash client specification (tests/conformance/unleash-client-specification, an unmodified
// copy of ../shared/conformance) run through gray-release rules: each feature of a suite's state is
// translated into a gray::Rule (one group per strategy, constraints and segments as conditions),
// each test's context into gray::Attributes, and the rule's verdict is compared with
// `expectedResult`. What cannot run is listed in unleash-skips.json; run_spec() reports a listed
// skip that no longer applies, or an entry that matches nothing, as a failure.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/gray/condition.hpp"
#include "modules/gray/rule.hpp"

namespace cove::conformance {

std::filesystem::path spec_dir();
std::filesystem::path skips_file();
nlohmann::json load_json(const std::filesystem::path& file);

// Unleash's context field or constraint contextName as a Cove attribute: userId → uid,
// sessionId → deviceId (Cove's fallback stickiness, as sessionId is Unleash's), remoteAddress → ip,
// currentTime → now, anything else (environment, appName, properties) → ctx.<name>.
std::string attribute_for(std::string_view context_name);

// An Unleash context as request attributes. A top-level field wins over a property of the same
// name, as in Unleash's resolveContextValue; values that are not strings are absent.
class UnleashContext final : public gray::Attributes {
 public:
  explicit UnleashContext(const nlohmann::json& context);
  std::optional<std::string_view> get(std::string_view attribute) const override;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// A feature as Cove sees it.
struct Translation {
  enum class Kind {
    kRule,        // `rule` decides
    kOff,         // disabled (or absent): no active plan, nobody matches
    kOutOfScope,  // `scope` names what Cove's rules do not model (e.g. "dependencies")
    kRefused,     // Rule::parse refused `document`; `codes` are its field-error codes
  };
  Kind kind = Kind::kOff;
  std::optional<gray::Rule> rule;
  std::string scope;
  nlohmann::json document;
  std::vector<std::string> codes;
  std::string errors;  // the field errors, for messages
};

// `segments`: the state's segment list (may be null).
Translation translate_feature(const nlohmann::json& feature, const nlohmann::json& segments);

// One entry of unleash-skips.json.
struct Skip {
  std::string suite;
  std::string list = "tests";  // or "variantTests"
  std::string test;            // a test's exact description, or "*" for every test it applies to
  std::string kind;            // variants, dependencies, delta-api, refused-at-save, differs (the
                               // test runs and Cove's answer is the opposite of Unleash's, by design)
  std::string code;            // refused-at-save: the field-error code Cove gives
  std::string reason;
  std::size_t used = 0;
};

// Reads and checks the skip file; problems (unknown kind, no reason, a wildcard refusal) go to
// `problems`.
std::vector<Skip> load_skips(const std::filesystem::path& file, std::vector<std::string>& problems);

struct Report {
  std::size_t passed = 0;
  std::size_t skipped = 0;  // all listed: out of scope, or refused at save (refusal asserted)
  std::size_t refused = 0;  // of which refused at save
  std::size_t differs = 0;  // of which run with Cove's documented, different answer
  std::map<std::string, std::size_t> skipped_by_suite;  // "<suite> (<kind>)" → count
  std::vector<std::string> failures;
};

// Runs every suite named in index.json against `skips` (whose `used` counts are updated).
Report run_spec(std::vector<Skip>& skips);

}  // namespace cove::conformance
