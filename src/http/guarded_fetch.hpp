#pragma once
// Outbound HTTPS requests to URLs that users supply (business-domain verification, webhook
// deliveries), guarded against server-side request forgery: https only, no proxy from the environment,
// connect and total timeouts, a size cap, redirects followed only to the same host (and counted),
// and every address the client is about to connect to checked — loopback, private, link-local,
// CGNAT, multicast and other non-public ranges are refused unless the caller allows them. The
// check runs on the socket the client opens (after DNS), so a name resolving to 10.0.0.1 or a
// redirect to https://127.0.0.1 is refused exactly like the literal. Blocking: call from a worker
// thread or a background job, never from an I/O thread.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct sockaddr;

namespace cove::http {

struct FetchOptions {
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{10000};
  std::size_t max_bytes = 64 * 1024;  // of the body; more is an error, not a truncation
  int max_redirects = 3;              // each to the same host, over https (0: none followed)
  bool allow_private_addresses = false;
  bool allow_http = false;       // plain http:// too (an operator's choice for webhooks)
  bool truncate_body = false;    // keep the first max_bytes of a longer body instead of failing
  // Keep connections open for the calling thread's next requests (webhook workers posting to the
  // same receivers again and again). A kept connection was checked by the address guard when it
  // was opened and still goes to that address; a new one is checked as always. Threads that
  // fetch with different guard settings must not share it — each thread has its own.
  bool keep_alive = false;
  std::string ca_file;  // PEM bundle to trust instead of the system store ("" = the system's)
  // curl's --connect-to pairs "HOST:PORT:CONNECT-HOST:CONNECT-PORT": reach a name elsewhere while
  // keeping its name for SNI, Host and certificate checks (split-horizon set-ups, tests). The
  // address guard applies to where it connects.
  std::vector<std::string> connect_to;
  std::string user_agent = "Cove/1 (+domain verification)";
};

struct FetchResult {
  bool ok = false;  // a response arrived (any status); else `error` says why not
  int status = 0;
  std::string body;
  // Why there is no response: "refused_address", "redirect_refused", "too_many_redirects",
  // "too_large", "timeout", "tls", "dns", "connect", "invalid_url", "failed".
  std::string error;
  std::string message;       // for people (the log, the console)
  std::string connected_ip;  // the address the answer came from
  std::string location;      // a redirect's target, as sent
};

// A request other than a plain GET (a webhook delivery's POST).
struct OutboundRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class GuardedFetcher {
 public:
  virtual ~GuardedFetcher() = default;
  virtual FetchResult get(const std::string& url, const FetchOptions& options) const = 0;
  // Sends `request`; a redirect answer is returned as it is (never followed).
  virtual FetchResult send(const OutboundRequest& request, const FetchOptions& options) const = 0;
};

// The libcurl implementation (thread-safe: one easy handle per call, or per thread with keep_alive).
std::unique_ptr<GuardedFetcher> make_guarded_fetcher();

// Whether an address is a public unicast one (IPv4 or IPv6, v4-mapped v6 judged as IPv4).
bool is_public_address(const sockaddr* address);

}  // namespace cove::http
