// The domain parser (issue 15) reads whatever an organisation types into its domain lists and an
// operator into the platform lists. Any byte string must end in a parsed domain or a refusal with
// a code and a message; an accepted domain must be canonical (parsing its canonical form again
// gives the same domain) and obey the rules: https/wss per channel, a host of LDH labels, no IP.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "modules/domains/domain_name.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

bool ldh_host(std::string_view h) {
  if (h.starts_with("*.")) h.remove_prefix(2);
  if (h.empty() || h.size() > cove::domains::kMaxHostBytes) return false;
  for (const char c : h) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  }
  return h.find('.') != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cove::domains;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto kind : kKinds) {
    for (const bool wildcards : {false, true}) {
      const DomainPolicy policy{.allow_wildcards = wildcards};
      const auto p = parse_domain(input, kind, policy);
      if (!p.domain) {
        require(!p.error.code.empty() && !p.error.message.empty());
        continue;
      }
      const auto& d = *p.domain;
      require(d.scheme == scheme_of(kind));
      require(ldh_host(d.host));
      require(d.port >= 0 && d.port <= 65535 && d.port != 443);
      require(port_allowed(kind) || d.port == 0);
      require(wildcards || !d.wildcard);
      const auto again = parse_domain(d.canonical(), kind, policy);
      require(again.domain && *again.domain == d);
    }
  }
  const auto h = parse_host(input, true);
  if (h.host) {
    require(ldh_host(*h.host));
    require(parse_host(*h.host, true).host == h.host);
    require(is_blocked_by(*h.host, h.host->starts_with("*.") ? h.host->substr(2) : *h.host));
  } else {
    require(!h.error.code.empty());
  }
  return 0;
}
