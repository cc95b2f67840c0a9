// Every configuration key, declared once: its type is the type of its default. Defaults mirror the
// Config struct's initialisers; config/cove.example.json documents the same keys and a unit test
// keeps the three in step.
#include "core/config.hpp"

namespace cove::core {

namespace {

using nlohmann::json;

constexpr std::int64_t kKiB = 1024;
constexpr std::int64_t kMiB = 1024 * kKiB;
constexpr std::int64_t kGiB = 1024 * kMiB;

std::vector<ConfigKey> build_schema() {
  return {
      {"http.listen", "127.0.0.1:8080",
       "Address the HTTP server listens on, as HOST:PORT (IPv6 as [::1]:8080; port 0 picks a free port)."},
      {"http.threads", 0, "I/O threads running the HTTP server; 0 means one per CPU core.", 0, 1024},
      {"http.maxConnections", 10000,
       "Open connections accepted at once; further connections are answered 503 and closed.", 1, 1000000},
      {"http.maxConnectionsPerIp", 256,
       "Open connections accepted at once from one client address (the TCP peer, not X-Forwarded-For); "
       "further ones are answered 503 and closed. 0 means no per-address cap. Behind a reverse proxy every "
       "connection comes from the proxy: raise it or set 0.",
       0, 1000000},
      {"http.headerLimitBytes", 16 * kKiB,
       "Largest request head (request line, header fields and the blank line); larger requests get 431.",
       kKiB, kMiB},
      {"http.bodyLimitBytes", kMiB,
       "Default request body limit for routes that set none; larger bodies get 413.", kKiB, 4 * kGiB},
      {"http.minBodyRateBytesPerSecond", kKiB,
       "Slowest a request body may arrive: once http.minBodyRateWindowSeconds have passed, each trailing "
       "window must bring at least this many bytes per second, or the request gets 408 and the "
       "connection closes. 0 means no minimum.",
       0, kGiB},
      {"http.minBodyRateWindowSeconds", 10,
       "Window over which http.minBodyRateBytesPerSecond is averaged; also the grace period at the start "
       "of a body.",
       1, 3600},
      {"http.timeouts.headerSeconds", 10, "Time allowed to receive a request's headers.", 1, 3600},
      {"http.timeouts.idleSeconds", 60, "How long an idle keep-alive connection stays open.", 1, 86400},
      {"http.timeouts.bodySeconds", 30, "Longest pause allowed while receiving a request body.", 1, 3600},
      {"http.timeouts.shutdownSeconds", 10,
       "On SIGINT/SIGTERM, how long in-flight requests may take before the server exits.", 1, 600},
      {"http.tls.cert", "", "PEM certificate chain file; TLS is on when both cert and key are set."},
      {"http.tls.key", "", "PEM private key file for http.tls.cert."},
      {"http.cors.allowedOrigins", json::array(),
       "Origins allowed to call the API from a browser, e.g. \"https://console.example.com\"; \"*\" allows "
       "any."},
      {"http.rateLimit.enabled", true, "Limit requests per client IP (token bucket)."},
      {"http.rateLimit.requestsPerSecond", 100.0, "Sustained requests per second allowed per client IP.", 1,
       1000000},
      {"http.rateLimit.burst", 200.0, "Requests a client IP may send at once before the limit applies.", 1,
       10000000},
      {"http.trustProxy", false,
       "Take the client IP from X-Forwarded-For; enable only behind a reverse proxy that sets it."},
      {"http.publicUrl", "",
       "Base URL the platform is reached at, for links in mails and responses; empty = taken from each "
       "request."},
      {"http.idempotency.ttlHours", 24,
       "Hours a response to a request with an Idempotency-Key is kept for retries; the key may be reused "
       "for a new request after that.",
       1, 720},
      {"data.dir", "./data", "Data directory: database, blobs and secrets."},
      {"data.minFreeMegabytes", 16,
       "Below this much free space (MiB) in the data directory /readyz reports not ready; 0 = only failed "
       "writes count.",
       0, 1048576},
      {"db.synchronous", "full",
       "SQLite synchronous mode: \"full\" (a committed write survives power loss) or \"normal\" "
       "(faster, may lose the last writes on power loss)."},
      {"db.busyTimeoutMs", 5000, "How long a database connection waits for a lock before failing.", 0,
       600000},
      {"log.level", "info", "Least severe level logged: \"debug\", \"info\", \"warn\" or \"error\"."},
      {"log.format", "text",
       "Log line format: \"text\" (logfmt, for people) or \"json\" (for log shippers)."},
      {"log.accessLog", true, "Log one line per HTTP request."},
      {"workers.threads", 0,
       "Worker threads for slow requests (password hashing, package processing); 0 means max(2, cores).", 0,
       1024},
      {"blobs.gcGraceHours", 24, "Unreferenced blobs younger than this are kept (uploads in progress).", 1,
       8760},
      {"outbox.retentionDays", 7, "Delivered events are deleted after this many days.", 1, 3650},
      // Chainless 开发者管理 §2 keeps operation logs at least 180 days: shorter is refused.
      {"audit.retentionDays", 180,
       "Operation-log entries older than this many days are pruned (a checkpoint keeps the chain verifiable).",
       180, 36500},
  };
}

}  // namespace

const std::vector<ConfigKey>& config_schema() {
  static const std::vector<ConfigKey> schema = build_schema();
  return schema;
}

}  // namespace cove::core
