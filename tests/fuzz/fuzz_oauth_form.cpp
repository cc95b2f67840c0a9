// The token, revocation and introspection endpoints read application/x-www-form-urlencoded bodies
// from anyone on the network, before client authentication. Any byte string must end in a parsed
// form or a refusal; a parsed form holds at most kMaxFormParams parameters, each with a non-empty
// name and value, no name twice, and re-encoding it parses to the same form. The scope parser
// must only accept catalogue scopes, without duplicates, and round-trip through join_scopes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/types.hpp"
#include "modules/oauth/form_body.hpp"
#include "modules/oauth/scope_catalog.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cove::oauth;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  FormBody form;
  std::string repeated;
  const auto error = parse_form(input, form, repeated);
  if (error == FormError::kNone) {
    require(form.params.size() <= kMaxFormParams);
    std::string encoded;
    for (std::size_t i = 0; i < form.params.size(); ++i) {
      const auto& [k, v] = form.params[i];
      require(!k.empty() && !v.empty());
      for (std::size_t j = 0; j < i; ++j) require(form.params[j].first != k);
      require(form.get(k) == v);
      if (!encoded.empty()) encoded += '&';
      encoded += cove::http::percent_encode(k) + "=" + cove::http::percent_encode(v);
    }
    FormBody again;
    require(parse_form(encoded, again, repeated) == FormError::kNone && again.params == form.params);
  } else if (error == FormError::kRepeated) {
    require(!repeated.empty());
  }

  std::vector<std::string> scopes;
  if (parse_scope_list(input, scopes)) {
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      require(find_scope(scopes[i]) != nullptr);
      for (std::size_t j = 0; j < i; ++j) require(scopes[j] != scopes[i]);
    }
    std::vector<std::string> again;
    require(parse_scope_list(join_scopes(scopes), again) && again == scopes);
  }
  return 0;
}
