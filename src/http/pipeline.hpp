#pragma once
// The middleware chain of DESIGN.md §4, independent of sockets so it is testable without I/O:
// request id → access log + metrics → security headers → CORS → rate limit → identity → route
// guards → Idempotency-Key → handler. The session calls before_body() once headers are in (so an unauthenticated
// 500 MB upload is refused before a byte of body is read), then the handler (inline, or on the
// worker pool for blocking routes), then finish().
#include <chrono>
#include <memory>
#include <optional>

#include "core/error.hpp"
#include "core/idempotency_store.hpp"
#include "core/metrics.hpp"
#include "http/hooks.hpp"
#include "http/idempotency.hpp"
#include "http/rate_limit.hpp"
#include "http/router.hpp"

namespace cove::http {

struct PipelineOptions {
  bool access_log = true;
  bool tls = false;                  // adds Strict-Transport-Security
  bool rate_limit_enabled = true;
  double rate_limit_per_second = 100;
  double rate_limit_burst = 200;
  std::vector<std::string> cors_origins;
};

class Pipeline {
 public:
  Pipeline(Router& router, Hooks& hooks, core::MetricsRegistry& metrics, PipelineOptions options);

  // For non-API GET/HEAD paths no route matches (the SPA and its assets).
  void set_fallback(Handler h);
  // Serves Idempotency-Key (http/idempotency.hpp) from `store`; without it the header is ignored.
  void enable_idempotency(core::IdempotencyStore& store);

  // Runs every stage up to the guards. Returns a response to send without reading the body
  // (error, CORS preflight, 404/405), or nullopt when the handler should run; req.route is then set.
  std::optional<Response> before_body(Request& req);
  // Calls the route handler (through the Idempotency-Key stage when the request carries a key);
  // exceptions become the error JSON (unknown ones a logged 500).
  Response run_handler(Request& req);
  // Adds security and CORS headers, records metrics and the access log line.
  void finish(const Request& req, Response& res, std::chrono::steady_clock::time_point started);

  // The error JSON for a request (used by the session for 413/431/timeouts too).
  static Response error_response(const Request& req, const core::Error& error);
  // 507 storage_full, after telling the storage_full hook what failed.
  Response storage_full_response(const Request& req, std::string_view what);
  void track_in_flight(int delta);

 private:
  Response invoke_handler(Request& req);
  void add_cors_headers(const Request& req, Response& res) const;
  void record_metrics(const Request& req, const std::string& label, int status, double seconds);
  bool origin_allowed(std::string_view origin) const;

  Router& router_;
  Hooks& hooks_;
  PipelineOptions options_;
  std::unique_ptr<RouteInfo> fallback_;
  std::unique_ptr<IdempotencyGate> idempotency_;
  RateLimiter rate_limiter_;
  core::Family<core::Counter>& requests_;
  core::Family<core::Histogram>& latency_;
  core::Gauge& in_flight_;
  std::uint64_t serial_;  // distinguishes pipelines in per-thread metric caches
};

}  // namespace cove::http
