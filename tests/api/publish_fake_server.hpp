#pragma once
// A stand-in for the apps API that `cove publish` talks to, built from the http pieces (no App,
// no database), whose answers a test scripts: transient failures before success, a refusal, a
// wrong SHA-256. It records what each attempt sent, so tests can check retries and their headers.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/metrics.hpp"
#include "http/hooks.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "support/temp_dir.hpp"

namespace cove::test {

class FakeAppsServer {
 public:
  struct Script {
    int upload_failures = 0;   // first N uploads answer `failure_status`
    int failure_status = 503;  // with Retry-After: 0 (so tests do not wait)
    int release_failures = 0;  // first N releases answer 429 with Retry-After: 0
    int refuse_upload = 0;     // when set, every upload answers this status with an error JSON
    bool wrong_sha = false;    // the upload answers a SHA-256 that is not the file's
  };

  struct Attempt {
    std::string idempotency_key;
    std::string authorization;
    std::string content_type;
    std::string body;  // for PATCH
  };

  explicit FakeAppsServer(Script script) : script_(script) {
    http::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 1;
    o.worker_threads = 1;
    o.upload_dir = uploads_.path();
    add_routes();
    server_.emplace(std::move(o), pipeline_, metrics_);
    server_->start();
  }
  ~FakeAppsServer() {
    server_->stop();
    server_->wait();
  }
  FakeAppsServer(const FakeAppsServer&) = delete;
  FakeAppsServer& operator=(const FakeAppsServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

  std::vector<Attempt> uploads() const { return copy(uploads_seen_); }
  std::vector<Attempt> notes() const { return copy(notes_seen_); }
  std::vector<Attempt> releases() const { return copy(releases_seen_); }

 private:
  static http::PipelineOptions pipeline_options() {
    http::PipelineOptions o;
    o.access_log = false;
    o.rate_limit_enabled = false;
    return o;
  }

  std::vector<Attempt> copy(const std::vector<Attempt>& v) const {
    std::lock_guard lock(mutex_);
    return v;
  }

  int record(std::vector<Attempt>& into, const http::Request& req) {
    std::lock_guard lock(mutex_);
    into.push_back({std::string(req.headers.get("Idempotency-Key").value_or("")),
                    std::string(req.headers.get("Authorization").value_or("")),
                    std::string(req.headers.get("Content-Type").value_or("")), req.body});
    return static_cast<int>(into.size());
  }

  static http::Response transient(int status) {
    auto res = http::Response::json(
        status,
        {{"code", "unavailable"}, {"message", "Try again"}, {"details", {}}, {"requestId", "req-transient"}});
    res.headers.set("Retry-After", "0");
    return res;
  }

  nlohmann::json version(const http::Request& req, const std::string& status) const {
    std::lock_guard lock(mutex_);
    return {{"id", "ver_fake1"},
            {"appId", req.param("appId")},
            {"version", req.param("version")},
            {"sha256", sha_},
            {"size", size_},
            {"status", status}};
  }

  void add_routes() {
    auto apps = router_.group("/api/v1/apps").open();
    apps.put("/{appId}/versions/{version}/package",
             [this](http::Request& req) {
               const int n = record(uploads_seen_, req);
               if (script_.refuse_upload != 0) {
                 return http::Response::json(script_.refuse_upload,
                                             {{"code", "apps.quota_exceeded"},
                                              {"message", "The organisation's package quota is used up"},
                                              {"details", {}},
                                              {"requestId", "req-refused-42"}});
               }
               if (n <= script_.upload_failures) return transient(script_.failure_status);
               {
                 std::lock_guard lock(mutex_);
                 sha_ = script_.wrong_sha ? std::string(64, '0') : req.upload->sha256;
                 size_ = req.upload->size;
               }
               return http::Response::json(201, version(req, "uploaded"));
             })
        .stream_to_file(64 * 1024 * 1024);
    apps.patch("/{appId}/versions/{version}", [this](http::Request& req) {
      record(notes_seen_, req);
      return http::Response::json(200, version(req, "uploaded"));
    });
    apps.post("/{appId}/versions/{version}/release", [this](http::Request& req) {
      const int n = record(releases_seen_, req);
      if (n <= script_.release_failures) return transient(429);
      return http::Response::json(200, version(req, "released"));
    });
  }

  Script script_;
  TempDir uploads_{"cove-fake-apps"};
  core::MetricsRegistry metrics_;
  http::Router router_;
  http::Hooks hooks_;
  http::Pipeline pipeline_{router_, hooks_, metrics_, pipeline_options()};
  std::optional<http::Server> server_;

  mutable std::mutex mutex_;
  std::vector<Attempt> uploads_seen_, notes_seen_, releases_seen_;
  std::string sha_;
  std::uint64_t size_ = 0;
};

}  // namespace cove::test
