// The receiver URL rules, checked when an endpoint is saved. The delivery checks again on the
// socket it opens (src/http/guarded_fetch), so a name that later resolves to a private address is
// still refused; this check gives the person typing the URL an early, clear answer.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <cstring>
#include <optional>

#include "http/guarded_fetch.hpp"
#include "modules/webhooks/endpoint_service.hpp"

namespace cove::webhooks {

namespace {

struct UrlParts {
  std::string scheme, host, user, fragment;
};

std::optional<UrlParts> split(const std::string& url) {
  CURLU* u = curl_url();
  std::optional<UrlParts> out;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    UrlParts parts;
    const auto get = [u](CURLUPart part, std::string& into) {
      char* value = nullptr;
      if (curl_url_get(u, part, &value, 0) == CURLUE_OK && value != nullptr) into = value;
      curl_free(value);
    };
    get(CURLUPART_SCHEME, parts.scheme);
    get(CURLUPART_HOST, parts.host);
    get(CURLUPART_USER, parts.user);
    get(CURLUPART_FRAGMENT, parts.fragment);
    out = parts;
  }
  curl_url_cleanup(u);
  return out;
}

// Whether `host` is an IP literal outside the public unicast ranges (or a loopback name).
bool private_literal(std::string host) {
  if (host == "localhost" || host.ends_with(".localhost")) return true;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    return !http::is_public_address(reinterpret_cast<const sockaddr*>(&v4));
  }
  if (inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    return !http::is_public_address(reinterpret_cast<const sockaddr*>(&v6));
  }
  return false;
}

}  // namespace

std::string check_endpoint_url(const std::string& url, const UrlPolicy& policy) {
  // curl's parser guesses a scheme for "example.com/x"; a receiver URL must say it.
  if (!url.starts_with("https://") && !url.starts_with("http://")) return "invalid_url";
  const auto parts = split(url);
  if (!parts || parts->host.empty()) return "invalid_url";
  if (parts->scheme == "http" && !policy.allow_http) return "http_not_allowed";
  if (parts->scheme != "http" && parts->scheme != "https") return "invalid_url";
  if (!parts->user.empty()) return "credentials_in_url";
  if (!parts->fragment.empty()) return "invalid_url";
  if (!policy.allow_private_addresses && private_literal(parts->host)) return "private_address";
  return "";
}

}  // namespace cove::webhooks
