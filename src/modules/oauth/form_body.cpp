#include "modules/oauth/form_body.hpp"

#include "http/types.hpp"

namespace cove::oauth {

std::optional<std::string> FormBody::get(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

FormError parse_form(std::string_view body, FormBody& out, std::string& repeated) {
  out.params.clear();
  std::size_t i = 0;
  while (i <= body.size()) {
    const auto end = std::min(body.find('&', i), body.size());
    const auto pair = body.substr(i, end - i);
    i = end + 1;
    if (pair.empty()) {
      if (end >= body.size()) break;
      continue;
    }
    const auto eq = pair.find('=');
    std::string name, value;
    if (!http::percent_decode(pair.substr(0, eq), name, true)) return FormError::kMalformed;
    if (eq != std::string_view::npos && !http::percent_decode(pair.substr(eq + 1), value, true)) {
      return FormError::kMalformed;
    }
    if (name.empty() || value.empty()) continue;  // without a value: omitted (RFC 6749 §3.2)
    for (const auto& [k, v] : out.params) {
      if (k == name) {
        repeated = name;
        return FormError::kRepeated;
      }
    }
    if (out.params.size() >= kMaxFormParams) return FormError::kTooMany;
    out.params.emplace_back(std::move(name), std::move(value));
  }
  return FormError::kNone;
}

}  // namespace cove::oauth
