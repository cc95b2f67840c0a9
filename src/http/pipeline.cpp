#include "http/pipeline.hpp"

#include <atomic>
#include <unordered_map>

#include <fmt/format.h>

#include "core/log.hpp"
#include "core/storage_health.hpp"
#include "http/errors.hpp"
#include "http/request_id.hpp"

namespace cove::http {

namespace {

// Paths that belong to the API surface: never answered by the SPA fallback, and rate limited.
bool is_api_path(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/runtime/") ||
         path == "/runtime" || path.starts_with("/oauth/") || path == "/oauth";
}

bool is_rate_limited_path(std::string_view path) {
  // The runtime API is called by host apps behind carrier NAT, where one IP is thousands of
  // users; it authenticates every request with a signature instead.
  return path.starts_with("/api/") || path.starts_with("/oauth/");
}

RouteInfo make_fallback_info(Handler h) {
  RouteInfo info;
  info.method = Method::kGet;
  info.pattern = "/*";
  info.handler = std::move(h);
  info.is_public = true;
  return info;
}

std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

}  // namespace

Pipeline::Pipeline(Router& router, Hooks& hooks, core::MetricsRegistry& metrics, PipelineOptions options)
    : router_(router),
      hooks_(hooks),
      options_(std::move(options)),
      rate_limiter_(options_.rate_limit_per_second, options_.rate_limit_burst),
      requests_(metrics.counter_family("cove_http_requests_total", "HTTP requests by route template, method and status",
                                       {"route", "method", "status"})),
      latency_(metrics.histogram_family("cove_http_request_duration_seconds",
                                        "HTTP request latency by route template", {"route"},
                                        core::MetricsRegistry::default_latency_bounds())),
      in_flight_(metrics.gauge("cove_http_requests_in_flight", "Requests being handled now")),
      serial_(next_serial()) {}

void Pipeline::set_fallback(Handler h) {
  fallback_ = std::make_unique<RouteInfo>(make_fallback_info(std::move(h)));
}

void Pipeline::enable_idempotency(core::IdempotencyStore& store) {
  idempotency_ = std::make_unique<IdempotencyGate>(store);
}

Response Pipeline::error_response(const Request& req, const core::Error& error) {
  return error_json(error, req.request_id);
}

Response Pipeline::storage_full_response(const Request& req, std::string_view what) {
  if (hooks_.storage_full) hooks_.storage_full(what);
  return error_json(core::Error::storage_full(), req.request_id);
}

void Pipeline::track_in_flight(int delta) { in_flight_.add(delta); }

bool Pipeline::origin_allowed(std::string_view origin) const {
  if (hooks_.cors_allowed) return hooks_.cors_allowed(origin);
  for (const auto& o : options_.cors_origins) {
    if (o == origin) return true;
  }
  return false;
}

std::optional<Response> Pipeline::before_body(Request& req) {
  req.request_id = request_id_for(req.headers.get("X-Request-Id").value_or(""));
  try {
    // CORS preflight and plain OPTIONS: answered from the route table, before identity.
    if (req.method == Method::kOptions) {
      const auto requested = req.headers.get("Access-Control-Request-Method");
      const auto m = router_.match(requested ? parse_method(*requested) : Method::kGet, req.path);
      if (m.kind == RouteMatch::Kind::kNotFound) {
        throw core::Error::not_found("not_found", "No such endpoint");
      }
      auto res = Response::no_content();
      res.headers.set("Allow", allow_header(m.allowed));
      const auto origin = req.headers.get("Origin");
      if (requested && origin && origin_allowed(*origin)) {
        res.headers.set("Access-Control-Allow-Methods", allow_header(m.allowed));
        const auto asked = req.headers.get("Access-Control-Request-Headers");
        res.headers.set("Access-Control-Allow-Headers",
                        asked ? std::string(*asked) : "Authorization, Content-Type, Idempotency-Key, X-Request-Id");
        res.headers.set("Access-Control-Max-Age", "600");
      }
      return res;
    }

    if (options_.rate_limit_enabled && is_rate_limited_path(req.path)) {
      double retry_after = 0;
      if (!rate_limiter_.allow(req.remote_ip, retry_after)) {
        auto res = error_json(core::Error(429, "rate_limited", "Too many requests; slow down and retry later",
                                          {{"retryAfterSeconds", static_cast<int>(retry_after) + 1}}),
                              req.request_id);
        res.headers.set("Retry-After", std::to_string(static_cast<int>(retry_after) + 1));
        return res;
      }
    }

    if (hooks_.identify) hooks_.identify(req);

    auto match = router_.match(req.method, req.path);
    if (match.kind == RouteMatch::Kind::kNotFound) {
      if (fallback_ && (req.method == Method::kGet || req.method == Method::kHead) && !is_api_path(req.path)) {
        req.route = fallback_.get();
        return std::nullopt;
      }
      throw core::Error::not_found("not_found", "No such endpoint");
    }
    if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
      auto res = error_json(core::Error(405, "method_not_allowed",
                                        fmt::format("{} is not supported here", req.method_text)),
                            req.request_id);
      res.headers.set("Allow", allow_header(match.allowed));
      return res;
    }
    req.route = match.route;
    req.params = std::move(match.params);
    for (const auto& guard : req.route->guards) guard.check(req);
    if (!req.route->permission.empty()) {
      // Without an installed checker nobody holds any permission: deny rather than allow.
      if (!hooks_.check_permission) throw core::Error::forbidden();
      hooks_.check_permission(req, req.route->permission);
    }
    if (idempotency_) return idempotency_->before_body(req);
    return std::nullopt;
  } catch (const core::Error& e) {
    return error_json(e, req.request_id);
  } catch (const std::exception& e) {
    core::log::error("request failed before the handler", {{"requestId", req.request_id}, {"error", e.what()}});
    if (core::is_storage_full(e)) return storage_full_response(req, core::storage_kind(e));
    return internal_error_json(req.request_id);
  }
}

Response Pipeline::run_handler(Request& req) {
  if (idempotency_ && IdempotencyGate::applies(req)) {
    return idempotency_->run(req, [this](Request& r) { return invoke_handler(r); });
  }
  return invoke_handler(req);
}

Response Pipeline::invoke_handler(Request& req) {
  try {
    return req.route->handler(req);
  } catch (const core::Error& e) {
    return error_json(e, req.request_id);
  } catch (const std::exception& e) {
    core::log::error("handler failed", {{"requestId", req.request_id},
                                        {"route", req.route ? req.route->pattern : std::string("?")},
                                        {"error", e.what()}});
    // A full disk is the operator's to fix, not a bug: a 507 clients may retry, and /readyz says so.
    if (core::is_storage_full(e)) return storage_full_response(req, core::storage_kind(e));
    return internal_error_json(req.request_id);
  } catch (...) {
    core::log::error("handler failed with a non-standard exception", {{"requestId", req.request_id}});
    return internal_error_json(req.request_id);
  }
}

void Pipeline::record_metrics(const Request& req, const std::string& label, int status, double seconds) {
  // Finding a labelled child costs a shared lock and three strings; the children never move, so
  // each I/O thread remembers them per (pipeline, route, method, status). The pipeline's serial
  // number keeps a recycled address from ever matching a child of a destroyed registry.
  struct Key {
    std::uint64_t pipeline;
    const void* route;
    int method;
    int status;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<const void*>{}(k.route) ^ (k.pipeline * 0x9E3779B97F4A7C15ULL) ^
             (static_cast<std::size_t>(k.method) << 16) ^ static_cast<std::size_t>(k.status);
    }
  };
  struct Children {
    core::Counter* requests;
    core::Histogram* latency;
  };
  thread_local std::unordered_map<Key, Children, KeyHash> cache;
  const Key key{serial_, req.route, static_cast<int>(req.method), status};
  auto it = cache.find(key);
  if (it == cache.end()) {
    if (cache.size() > 4096) cache.clear();  // bounded: routes × methods × statuses is small
    Children c{&requests_.with({label, std::string(method_name(req.method)), std::to_string(status)}),
               &latency_.with({label})};
    it = cache.emplace(key, c).first;
  }
  it->second.requests->inc();
  it->second.latency->observe(seconds);
}

void Pipeline::add_cors_headers(const Request& req, Response& res) const {
  const auto origin = req.headers.get("Origin");
  if (!origin || !origin_allowed(*origin)) return;
  res.headers.set("Access-Control-Allow-Origin", std::string(*origin));
  res.headers.set("Access-Control-Allow-Credentials", "true");
  res.headers.set("Access-Control-Expose-Headers", "ETag, X-Request-Id, Retry-After, Content-Disposition, Idempotent-Replayed");
  res.headers.add("Vary", "Origin");
}

void Pipeline::finish(const Request& req, Response& res, std::chrono::steady_clock::time_point started) {
  auto& h = res.headers;
  h.set("X-Request-Id", req.request_id);
  h.set("X-Content-Type-Options", "nosniff");
  h.set("X-Frame-Options", "DENY");
  h.set("Referrer-Policy", "no-referrer");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  // The SPA sets its own policy; everything else is data and may load nothing.
  if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
  if (options_.tls) h.set("Strict-Transport-Security", "max-age=31536000");
  add_cors_headers(req, res);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  static const std::string kUnmatched = "unmatched";
  const std::string& label = req.route ? req.route->pattern : kUnmatched;
  record_metrics(req, label, res.status, seconds);

  if (options_.access_log && core::log::enabled(core::log::Level::kInfo)) {
    const auto bytes = res.file ? res.file->length : res.body.size();
    core::log::info("request", {{"requestId", req.request_id},
                                {"ip", req.remote_ip},
                                {"method", req.method_text},
                                {"path", req.path},
                                {"route", label},
                                {"status", std::to_string(res.status)},
                                {"bytes", std::to_string(bytes)},
                                {"ms", fmt::format("{:.2f}", seconds * 1000)},
                                {"principal", req.principal ? req.principal->id : std::string()}});
  }
}

}  // namespace cove::http
