#pragma once
// The rules a declared domain (服务域名 / 业务域名) must follow — the WeChat rules its users know:
//
//   https://api.example.com          request, upload, download, webview
//   wss://push.example.com:8443      socket (a port where the channel allows one)
//   https://*.cdn.example.com        only when the operator's policy allows wildcards
//   https://例子.测试 → https://xn--fsqu00a.xn--0zwm56d   (IDN, stored in punycode)
//
// Refused: another scheme, an IP literal in any form a URL parser accepts (`127.0.0.1`,
// `0x7f.1`, `2130706433`, `0177.0.0.1`, `[::1]`), `localhost`, a path, query or fragment, user
// info, a single-label name, a wildcard anywhere but a leading `*.` or over a top-level domain.
// Every refusal is a field code (domains/i18n has a text for each) and an English message.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace cove::domains {

enum class DomainKind { kRequest, kSocket, kUpload, kDownload, kWebview };

inline constexpr std::array<DomainKind, 5> kKinds = {DomainKind::kRequest, DomainKind::kSocket, DomainKind::kUpload,
                                                     DomainKind::kDownload, DomainKind::kWebview};

// "request", "socket", "upload", "download", "webview": the field names in the API.
std::string_view kind_name(DomainKind kind);
std::optional<DomainKind> kind_from(std::string_view name);
// "wss" for socket, "https" for the others.
std::string_view scheme_of(DomainKind kind);
// Whether an entry of this kind may name a port (business domains may not).
bool port_allowed(DomainKind kind);

// An entry longer than this (bytes, as sent) is refused before it is parsed.
inline constexpr std::size_t kMaxDomainInputBytes = 300;
// The DNS limits, after conversion to ASCII.
inline constexpr std::size_t kMaxHostBytes = 253;
inline constexpr std::size_t kMaxLabelBytes = 63;

struct DomainPolicy {
  bool allow_wildcards = false;  // a leading `*.` (config domains.allowWildcards)
};

struct ParsedDomain {
  std::string scheme;  // "https" | "wss"
  std::string host;    // ASCII, lower case, no trailing dot; "*.example.com" for a wildcard
  int port = 0;        // 0: the scheme's default (443 is stored as 0)
  bool wildcard = false;
  // "https://host" or "https://host:port": what is stored and what the SDK receives.
  std::string canonical() const;
  bool operator==(const ParsedDomain&) const = default;
};

struct DomainError {
  std::string code;  // field code: scheme_required, ip_literal, …
  std::string message;
};

struct DomainParse {
  std::optional<ParsedDomain> domain;
  DomainError error;  // when !domain
};

// Parses one declared entry of `kind`. Leading and trailing spaces are ignored; one trailing "/"
// is accepted (browsers add it) and dropped.
DomainParse parse_domain(std::string_view input, DomainKind kind, const DomainPolicy& policy);

struct HostParse {
  std::optional<std::string> host;  // as in ParsedDomain::host
  DomainError error;
};

// A bare host name (platform whitelist and blocklist entries, verification): the same host rules,
// no scheme, port or path. `allow_wildcard` admits a leading `*.`.
HostParse parse_host(std::string_view input, bool allow_wildcard);

// Whether `host` (or, for "*.suffix", any host it admits) is `blocked` or under it: a blocklist
// entry blocks the host and every name below it.
bool is_blocked_by(std::string_view host, std::string_view blocked);

}  // namespace cove::domains
