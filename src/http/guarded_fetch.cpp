#include "http/guarded_fetch.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>

#include <fmt/format.h>

namespace cove::http {

namespace {

bool public_v4(std::uint32_t a) {  // host byte order
  const auto in = [a](std::uint32_t net, int bits) {
    const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
    return (a & mask) == net;
  };
  return !(in(0x00000000, 8) ||     // "this" network
           in(0x0A000000, 8) ||     // 10/8 private
           in(0x64400000, 10) ||    // 100.64/10 carrier-grade NAT
           in(0x7F000000, 8) ||     // loopback
           in(0xA9FE0000, 16) ||    // link-local (cloud metadata at 169.254.169.254)
           in(0xAC100000, 12) ||    // 172.16/12 private
           in(0xC0000000, 24) ||    // IETF protocol assignments
           in(0xC0000200, 24) ||    // TEST-NET-1
           in(0xC0A80000, 16) ||    // 192.168/16 private
           in(0xC6120000, 15) ||    // benchmarking
           in(0xC6336400, 24) ||    // TEST-NET-2
           in(0xCB007100, 24) ||    // TEST-NET-3
           in(0xE0000000, 4) ||     // multicast
           in(0xF0000000, 4));      // reserved, broadcast
}

std::uint32_t v4_at(const unsigned char* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

bool public_v6(const unsigned char* b) {
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kNat64, 12) == 0) return public_v4(v4_at(b + 12));
  // Global unicast is 2000::/3; inside it, documentation, Teredo and 6to4 (which tunnel to
  // addresses not checked here) are refused.
  if ((b[0] & 0xE0) != 0x20) return false;  // also ::, ::1, fc00::/7, fe80::/10, ff00::/8
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return false;         // Teredo
  if (b[0] == 0x20 && b[1] == 0x02) return false;                                    // 6to4
  return true;
}

std::string address_text(const sockaddr* a) {
  std::array<char, INET6_ADDRSTRLEN> buf{};
  if (a->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a)->sin_addr, buf.data(), buf.size());
  } else if (a->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a)->sin6_addr, buf.data(), buf.size());
  }
  return buf.data();
}

struct Transfer {
  const FetchOptions* options = nullptr;
  std::string body;
  bool too_large = false;
  bool truncated = false;
  std::string refused;  // the address refused, if any
};

size_t on_data(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const auto bytes = size * n;
  if (t->body.size() + bytes > t->options->max_bytes) {
    if (t->options->truncate_body) {
      t->body.append(data, t->options->max_bytes - t->body.size());
      t->truncated = true;
      return 0;  // enough read: stop the transfer, the answer still counts
    }
    t->too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, bytes);
  return bytes;
}

// Opens the socket curl asked for only when the address it will connect to is allowed.
curl_socket_t on_open_socket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  if (!t->options->allow_private_addresses && !is_public_address(&address->addr)) {
    t->refused = address_text(&address->addr);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

std::optional<std::string> part_of(const std::string& url, CURLUPart part) {
  CURLU* u = curl_url();
  std::optional<std::string> out;
  char* value = nullptr;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK && curl_url_get(u, part, &value, 0) == CURLUE_OK) {
    out = value;
  }
  curl_free(value);
  curl_url_cleanup(u);
  if (out) {
    for (auto& c : *out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

struct EasyCleanup {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

// The calling thread's handle for keep-alive requests: curl keeps its connection cache and TLS
// sessions in the handle, and curl_easy_reset() clears the options but keeps both.
CURL* thread_handle() {
  thread_local std::unique_ptr<CURL, EasyCleanup> handle{curl_easy_init()};
  if (handle) curl_easy_reset(handle.get());
  return handle.get();
}

FetchResult failure(std::string error, std::string message) {
  FetchResult r;
  r.error = std::move(error);
  r.message = std::move(message);
  return r;
}

class CurlFetcher final : public GuardedFetcher {
 public:
  CurlFetcher() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  FetchResult get(const std::string& url, const FetchOptions& options) const override {
    const auto host = part_of(url, CURLUPART_HOST);
    if (!host || !scheme_allowed(url, options)) return failure("invalid_url", "Only https:// URLs");
    std::string current = url;
    for (int hop = 0;; ++hop) {
      OutboundRequest request{.method = "GET", .url = current, .headers = {}, .body = {}};
      auto r = once(request, options);
      if (!r.ok || r.status < 300 || r.status > 399 || r.status == 304) return r;
      const auto next = r.location;
      if (next.empty()) return r;
      if (!scheme_allowed(next, options) || part_of(next, CURLUPART_HOST) != host) {
        return failure("redirect_refused", fmt::format("Redirected to another host or scheme: {}", next));
      }
      if (hop + 1 > options.max_redirects) return failure("too_many_redirects", "Too many redirects");
      current = next;
    }
  }

  FetchResult send(const OutboundRequest& request, const FetchOptions& options) const override {
    if (!part_of(request.url, CURLUPART_HOST) || !scheme_allowed(request.url, options)) {
      return failure("invalid_url", options.allow_http ? "Only http:// and https:// URLs" : "Only https:// URLs");
    }
    return once(request, options);
  }

 private:
  static bool scheme_allowed(const std::string& url, const FetchOptions& options) {
    const auto scheme = part_of(url, CURLUPART_SCHEME);
    return scheme == "https" || (options.allow_http && scheme == "http");
  }

  static FetchResult once(const OutboundRequest& request, const FetchOptions& options) {
    CURL* curl = options.keep_alive ? thread_handle() : curl_easy_init();
    if (curl == nullptr) return failure("failed", "Could not start an HTTPS client");
    // Up to this many receivers' connections stay open per thread.
    if (options.keep_alive) curl_easy_setopt(curl, CURLOPT_MAXCONNECTS, 32L);
    Transfer t;
    t.options = &options;
    curl_slist* connect_to = nullptr;
    for (const auto& c : options.connect_to) connect_to = curl_slist_append(connect_to, c.c_str());
    curl_slist* headers = nullptr;
    // curl adds "Expect: 100-continue" to larger POSTs, costing a round trip per delivery.
    if (request.method != "GET") headers = curl_slist_append(headers, "Expect:");
    for (const auto& [name, value] : request.headers) {
      headers = curl_slist_append(headers, fmt::format("{}: {}", name, value).c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, options.allow_http ? "http,https" : "https");
    if (request.method == "POST") {
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (headers != nullptr) curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // redirects are checked above, one by one
    curl_easy_setopt(curl, CURLOPT_PROXY, "");           // never an environment proxy
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    if (!options.truncate_body) {
      curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    }
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
    if (connect_to != nullptr) curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, &on_open_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &t);
    const auto code = curl_easy_perform(curl);
    FetchResult r;
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    char* ip = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) r.connected_ip = ip;
    char* location = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
      r.location = location;
    }
    if (code == CURLE_OK || (t.truncated && code == CURLE_WRITE_ERROR)) {
      r.ok = true;
      r.status = static_cast<int>(status);
      r.body = std::move(t.body);
    } else if (!t.refused.empty()) {
      r = failure("refused_address", fmt::format("Refused to connect to the non-public address {}", t.refused));
    } else if (t.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      r = failure("too_large", fmt::format("The answer is larger than {} bytes", options.max_bytes));
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      r = failure("timeout", "No complete answer in time");
    } else if (code == CURLE_COULDNT_RESOLVE_HOST) {
      r = failure("dns", "The host name does not resolve");
    } else if (code == CURLE_COULDNT_CONNECT) {
      r = failure("connect", "Could not connect");
    } else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
               code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM) {
      r = failure("tls", fmt::format("TLS failed: {}", curl_easy_strerror(code)));
    } else if (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT) {
      r = failure("invalid_url", "Only https:// URLs");
    } else {
      r = failure("failed", curl_easy_strerror(code));
    }
    curl_slist_free_all(connect_to);
    curl_slist_free_all(headers);
    if (!options.keep_alive) curl_easy_cleanup(curl);
    return r;
  }
};

}  // namespace

bool is_public_address(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    return public_v4(ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    return public_v6(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr.s6_addr);
  }
  return false;
}

std::unique_ptr<GuardedFetcher> make_guarded_fetcher() { return std::make_unique<CurlFetcher>(); }

}  // namespace cove::http
