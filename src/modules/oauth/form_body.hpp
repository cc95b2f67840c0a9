#pragma once
// application/x-www-form-urlencoded bodies of the token, revocation and introspection endpoints
// (RFC 6749 §3.2: parameters sent without a value are treated as omitted; a parameter must not
// be included more than once). Fuzzed (tests/fuzz/fuzz_oauth_form.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cove::oauth {

inline constexpr std::size_t kMaxFormParams = 32;

struct FormBody {
  std::vector<std::pair<std::string, std::string>> params;
  // The first parameter of this name that has a value.
  std::optional<std::string> get(std::string_view name) const;
};

enum class FormError { kNone, kMalformed, kTooMany, kRepeated };

// Parses `body`; on failure `error` says why and `repeated` names a parameter sent twice.
FormError parse_form(std::string_view body, FormBody& out, std::string& repeated);

}  // namespace cove::oauth
