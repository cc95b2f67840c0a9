#include "modules/domains/domain_name.hpp"

#include <unicode/uidna.h>

#include <algorithm>
#include <memory>
#include <vector>

#include <fmt/format.h>

namespace cove::domains {

namespace {

DomainError domain_error(std::string code, std::string message) { return {std::move(code), std::move(message)}; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_ldh(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// One UTS #46 converter for the process: ICU documents the instance as immutable and usable from
// any thread. Non-transitional processing (ß stays ß, as browsers resolve it), STD3 ASCII rules
// (no `_` or other punctuation), and the bidi and CONTEXTJ checks of IDNA 2008.
const UIDNA* idna() {
  static const std::unique_ptr<UIDNA, void (*)(UIDNA*)> instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* p = uidna_openUTS46(UIDNA_USE_STD3_RULES | UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI |
                                   UIDNA_CHECK_CONTEXTJ,
                               &status);
    if (U_FAILURE(status)) p = nullptr;
    return std::unique_ptr<UIDNA, void (*)(UIDNA*)>(p, &uidna_close);
  }();
  return instance.get();
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// The name in ASCII (punycode for non-ASCII labels), lower case; nullopt when IDNA refuses it.
std::optional<std::string> to_ascii(std::string_view name) {
  const auto* converter = idna();
  if (converter == nullptr) return std::nullopt;
  std::vector<char> out(kMaxHostBytes * 4 + 16);
  UErrorCode status = U_ZERO_ERROR;
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const auto n = uidna_nameToASCII_UTF8(converter, name.data(), static_cast<int32_t>(name.size()), out.data(),
                                        static_cast<int32_t>(out.size()), &info, &status);
  // A trailing root dot is fine (stripped below); every other error refuses the name.
  const auto errors = info.errors & ~static_cast<uint32_t>(UIDNA_ERROR_EMPTY_LABEL);
  if (U_FAILURE(status) || errors != 0 || n < 0 || static_cast<std::size_t>(n) > out.size()) return std::nullopt;
  return std::string(out.data(), static_cast<std::size_t>(n));
}

std::vector<std::string_view> labels_of(std::string_view host) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const auto dot = host.find('.', start);
    out.push_back(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// The WHATWG URL parser reads a host whose last label is a number (decimal, 0x-hex or octal by
// its leading zero) as an IPv4 address — `0x7f.1`, `2130706433`, `127.1` all reach 127.0.0.1 — so
// any such name is an IP literal to Cove too. No real top-level domain is numeric.
bool looks_like_ipv4(const std::vector<std::string_view>& labels) {
  const auto& last = labels.back();
  if (last.empty()) return false;
  if (std::all_of(last.begin(), last.end(), is_digit)) return true;
  if (last.size() >= 2 && last[0] == '0' && last[1] == 'x') {
    return std::all_of(last.begin() + 2, last.end(), is_hex);
  }
  return false;
}

// Checks and normalises a host name without a wildcard prefix.
HostParse check_name(std::string_view raw) {
  if (raw.empty()) return {std::nullopt, domain_error("invalid_host", "Give a host name")};
  if (raw.front() == '[' || std::count(raw.begin(), raw.end(), ':') > 0) {
    return {std::nullopt, domain_error("ip_literal", "Use a host name, not an IP address")};
  }
  if (raw.find('%') != std::string_view::npos) {
    return {std::nullopt, domain_error("invalid_host", "A host name has no percent-encoded characters")};
  }
  std::string host;
  // IDNA converts and checks non-ASCII names, and validates labels already in punycode.
  if (has_non_ascii(raw) || lower_ascii(raw).find("xn--") != std::string::npos) {
    auto ascii = to_ascii(raw);
    if (!ascii) return {std::nullopt, domain_error("invalid_idn", "This internationalised name is not a valid host name")};
    host = std::move(*ascii);
  } else {
    host = lower_ascii(raw);
  }
  if (!host.empty() && host.back() == '.') host.pop_back();  // the DNS root
  if (host.empty()) return {std::nullopt, domain_error("invalid_host", "Give a host name")};
  if (host.size() > kMaxHostBytes) {
    return {std::nullopt, domain_error("invalid_host", fmt::format("A host name has at most {} characters", kMaxHostBytes))};
  }
  const auto labels = labels_of(host);
  if (looks_like_ipv4(labels)) return {std::nullopt, domain_error("ip_literal", "Use a host name, not an IP address")};
  if (labels.back() == "localhost") {
    return {std::nullopt, domain_error("localhost_not_allowed", "localhost is not reachable from users' devices")};
  }
  for (const auto& l : labels) {
    if (l.empty() || l.size() > kMaxLabelBytes || !std::all_of(l.begin(), l.end(), is_ldh) || l.front() == '-' ||
        l.back() == '-') {
      return {std::nullopt, domain_error("invalid_host",
                                  "Each part of a host name is 1–63 letters, digits or inner hyphens")};
    }
  }
  if (labels.size() < 2) {
    return {std::nullopt, domain_error("invalid_host", "Use a fully qualified host name such as api.example.com")};
  }
  return {std::move(host), {}};
}

HostParse check_host(std::string_view raw, bool allow_wildcard, bool* wildcard) {
  *wildcard = false;
  if (raw.starts_with("*.")) {
    *wildcard = true;
    raw.remove_prefix(2);
  }
  if (raw.find('*') != std::string_view::npos) {
    return {std::nullopt, domain_error("invalid_wildcard", "A wildcard is allowed only as a leading *.")};
  }
  if (*wildcard && !allow_wildcard) {
    return {std::nullopt, domain_error("wildcard_not_allowed", "The platform's policy does not allow wildcard domains")};
  }
  auto name = check_name(raw);
  if (!name.host) {
    // `*.com` would admit every name under a top-level domain.
    if (*wildcard && name.error.code == "invalid_host" && raw.find('.') == std::string_view::npos && !raw.empty()) {
      return {std::nullopt, domain_error("wildcard_too_broad", "A wildcard must stand below a registered name")};
    }
    return name;
  }
  if (*wildcard) name.host = "*." + *name.host;
  return name;
}

}  // namespace

std::string_view kind_name(DomainKind kind) {
  switch (kind) {
    case DomainKind::kRequest: return "request";
    case DomainKind::kSocket: return "socket";
    case DomainKind::kUpload: return "upload";
    case DomainKind::kDownload: return "download";
    case DomainKind::kWebview: return "webview";
  }
  return "request";
}

std::optional<DomainKind> kind_from(std::string_view name) {
  for (const auto k : kKinds) {
    if (kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view scheme_of(DomainKind kind) { return kind == DomainKind::kSocket ? "wss" : "https"; }

bool port_allowed(DomainKind kind) { return kind != DomainKind::kWebview; }

std::string ParsedDomain::canonical() const {
  return port == 0 ? fmt::format("{}://{}", scheme, host) : fmt::format("{}://{}:{}", scheme, host, port);
}

DomainParse parse_domain(std::string_view input, DomainKind kind, const DomainPolicy& policy) {
  if (input.size() > kMaxDomainInputBytes) {
    return {std::nullopt, domain_error("too_long", fmt::format("At most {} characters", kMaxDomainInputBytes))};
  }
  auto s = trim(input);
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return {std::nullopt, domain_error("invalid_host", "A domain has no control characters")};
  }
  const auto expected = scheme_of(kind);
  const auto sep = s.find("://");
  if (sep == std::string_view::npos) {
    return {std::nullopt, domain_error("scheme_required", fmt::format("Start with {}://", expected))};
  }
  const auto scheme = lower_ascii(s.substr(0, sep));
  if (scheme != expected) {
    return {std::nullopt, domain_error("scheme_not_allowed", fmt::format("Only {}:// is allowed here", expected))};
  }
  s.remove_prefix(sep + 3);
  const auto end = s.find_first_of("/?#\\");
  auto authority = s.substr(0, end);
  if (end != std::string_view::npos) {
    const auto rest = s.substr(end);
    if (rest != "/") {
      return {std::nullopt, domain_error("path_not_allowed", "Give the scheme and host only: no path, query or fragment")};
    }
  }
  if (authority.find('@') != std::string_view::npos) {
    return {std::nullopt, domain_error("userinfo_not_allowed", "A domain has no user name or password")};
  }
  if (authority.starts_with("[")) return {std::nullopt, domain_error("ip_literal", "Use a host name, not an IP address")};
  int port = 0;
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    if (authority.find(':') != colon) return {std::nullopt, domain_error("ip_literal", "Use a host name, not an IP address")};
    const auto digits = authority.substr(colon + 1);
    authority = authority.substr(0, colon);
    if (digits.empty() || digits.size() > 5 || !std::all_of(digits.begin(), digits.end(), is_digit)) {
      return {std::nullopt, domain_error("invalid_port", "A port is a number from 1 to 65535")};
    }
    port = std::stoi(std::string(digits));
    if (port < 1 || port > 65535) return {std::nullopt, domain_error("invalid_port", "A port is a number from 1 to 65535")};
    if (!port_allowed(kind)) {
      return {std::nullopt, domain_error("port_not_allowed", "Business domains are served on the default port only")};
    }
    if (port == 443) port = 0;  // the default, written the short way
  }
  bool wildcard = false;
  auto host = check_host(authority, policy.allow_wildcards, &wildcard);
  if (!host.host) return {std::nullopt, std::move(host.error)};
  return {ParsedDomain{std::string(expected), std::move(*host.host), port, wildcard}, {}};
}

HostParse parse_host(std::string_view input, bool allow_wildcard) {
  if (input.size() > kMaxDomainInputBytes) {
    return {std::nullopt, domain_error("too_long", fmt::format("At most {} characters", kMaxDomainInputBytes))};
  }
  const auto s = trim(input);
  if (s.find("://") != std::string_view::npos || s.find_first_of("/?#\\@") != std::string_view::npos) {
    return {std::nullopt, domain_error("invalid_host", "Give a host name alone, without scheme, port or path")};
  }
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return {std::nullopt, domain_error("invalid_host", "A host name has no control characters")};
  }
  bool wildcard = false;
  return check_host(s, allow_wildcard, &wildcard);
}

bool is_blocked_by(std::string_view host, std::string_view blocked) {
  const auto under = [](std::string_view name, std::string_view parent) {
    return name == parent || (name.size() > parent.size() && name.ends_with(parent) &&
                              name[name.size() - parent.size() - 1] == '.');
  };
  if (host.starts_with("*.")) {
    const auto suffix = host.substr(2);
    return under(suffix, blocked) || under(blocked, suffix);
  }
  return under(host, blocked);
}

}  // namespace cove::domains
