#include "modules/domains/domains_api.hpp"

namespace cove::domains {

nlohmann::json lists_json(const DomainLists& lists) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto k : kKinds) out[std::string(kind_name(k))] = lists[kind_index(k)];
  return out;
}

std::string host_of(std::string_view canonical) {
  const auto sep = canonical.find("://");
  auto rest = sep == std::string_view::npos ? canonical : canonical.substr(sep + 3);
  const auto colon = rest.rfind(':');
  return std::string(colon == std::string_view::npos ? rest : rest.substr(0, colon));
}

namespace {

struct UrlParts {
  std::string_view scheme, host, port;
};

// scheme://host[:port] of a canonical entry or a URL (lower case expected); false when malformed.
bool split(std::string_view url, UrlParts& out) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  out.scheme = url.substr(0, sep);
  auto authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) return false;
  const auto colon = authority.rfind(':');
  out.host = authority.substr(0, colon);
  out.port = colon == std::string_view::npos ? std::string_view() : authority.substr(colon + 1);
  if (out.port == "443") out.port = {};
  return !out.host.empty();
}

}  // namespace

bool admits(const std::vector<std::string>& entries, std::string_view url) {
  std::string lowered(url);
  for (auto& ch : lowered) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  UrlParts u;
  if (!split(lowered, u)) return false;
  for (const auto& e : entries) {
    UrlParts d;
    if (!split(e, d) || d.scheme != u.scheme || d.port != u.port) continue;
    if (d.host.starts_with("*.")) {
      const auto suffix = d.host.substr(1);  // ".example.com": a wildcard admits names below it
      if (u.host.size() > suffix.size() && u.host.ends_with(suffix)) return true;
    } else if (d.host == u.host) {
      return true;
    }
  }
  return false;
}

}  // namespace cove::domains
