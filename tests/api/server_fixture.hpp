#pragma once
// An in-process HTTP server built from the http pieces directly (Router, Hooks, Pipeline,
// Server; no App, no database), with probe routes for the server and client tests.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/metrics.hpp"
#include "http/hooks.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "support/temp_dir.hpp"

namespace cove::test {

inline http::ServerOptions http_test_options() {
  http::ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.threads = 2;
  o.worker_threads = 2;
  return o;
}

// "GET /path HTTP/1.1" with a Host header and optional extra header lines ("Name: value\r\n").
inline std::string raw_request(std::string_view method, std::string_view target, std::string_view extra = {},
                               std::string_view body = {}) {
  std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n";
  out += extra;
  if (!body.empty()) out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  out += "\r\n";
  out += body;
  return out;
}

class HttpTestServer {
 public:
  // Probe routes, all under /t:
  //   GET  /t/hello            "hello world"
  //   *    /t/echo             JSON: method, path, query, body, remoteIp, secure
  //   GET  /t/items/{id}       the decoded id
  //   POST /t/small            body limit 1 KiB; answers the body size
  //   PUT  /t/upload           streamed (512 MiB); JSON: sha256, size, whether the temp file exists
  //   PUT  /t/upload-small     streamed with a 1 KiB limit
  //   PUT  /t/upload-keep      streamed; the handler moves the file to kept_path()
  //   GET  /t/sleep?ms=N       blocking (worker pool); sleeps N ms (default 300)
  //   GET  /t/file?offset&length  a region of a 300 KiB file as Response::file
  //   GET  /t/big              a 64 MiB sparse file as Response::file (more than socket buffers hold)
  //   GET  /t/close            "bye" with Response::close
  explicit HttpTestServer(http::ServerOptions options = http_test_options()) {
    if (options.upload_dir.empty()) options.upload_dir = uploads_.path();
    write_pattern_file();
    std::ofstream{big_};
    std::filesystem::resize_file(big_, kBigSize);  // sparse: no disk space used
    add_routes();
    server.emplace(std::move(options), pipeline, metrics);
    server->start();
  }
  ~HttpTestServer() {
    server->stop();
    server->wait();
  }
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  std::uint16_t port() const { return server->port(); }
  const std::filesystem::path& upload_dir() const { return uploads_.path(); }
  std::filesystem::path kept_path() const { return files_.path() / "kept.bin"; }
  const std::filesystem::path& pattern_file() const { return pattern_; }
  static char pattern_byte(std::size_t i) { return static_cast<char>('a' + (i * 7 + i / 251) % 26); }
  static constexpr std::size_t kPatternSize = 300 * 1024;
  static constexpr std::uint64_t kBigSize = 64ull * 1024 * 1024;

  std::atomic<int> sleep_started{0};  // /t/sleep requests that entered their handler
  std::atomic<int> sleeping{0};       // requests inside /t/sleep right now
  std::atomic<int> sleep_done{0};     // /t/sleep requests that finished their handler

  TempDir files_{"cove-http-files"};
  TempDir uploads_{"cove-http-uploads"};
  std::filesystem::path pattern_ = files_.path() / "pattern.bin";
  std::filesystem::path big_ = files_.path() / "big.bin";
  core::MetricsRegistry metrics;
  http::Router router;
  http::Hooks hooks;
  http::Pipeline pipeline{router, hooks, metrics, pipeline_options()};
  std::optional<http::Server> server;

 private:
  static http::PipelineOptions pipeline_options() {
    http::PipelineOptions o;
    o.access_log = false;
    o.rate_limit_enabled = false;
    return o;
  }

  void write_pattern_file() {
    std::ofstream out(pattern_, std::ios::binary);
    for (std::size_t i = 0; i < kPatternSize; ++i) out.put(pattern_byte(i));
  }

  static http::Response upload_json(const http::Request& req) {
    if (!req.upload) return http::Response::json(500, {{"error", "no upload"}});
    return http::Response::json(200, {{"sha256", req.upload->sha256},
                                      {"size", req.upload->size},
                                      {"exists", std::filesystem::exists(req.upload->path)},
                                      {"dir", req.upload->path.parent_path().string()}});
  }

  void add_routes() {
    auto t = router.group("/t").open();
    t.get("/hello", [](http::Request&) { return http::Response::text(200, "hello world"); });
    const http::Handler echo = [](http::Request& req) {
      return http::Response::json(200, {{"method", req.method_text},
                                        {"path", req.path},
                                        {"query", req.query},
                                        {"body", req.body},
                                        {"remoteIp", req.remote_ip},
                                        {"secure", req.secure}});
    };
    t.get("/echo", echo);
    t.post("/echo", echo);
    t.put("/echo", echo);
    t.get("/items/{id}", [](http::Request& req) { return http::Response::text(200, req.param("id")); });
    t.post("/small", [](http::Request& req) {
       return http::Response::text(200, std::to_string(req.body.size()));
     }).body_limit(1024);
    t.put("/upload", upload_json).stream_to_file(512ull * 1024 * 1024);
    t.put("/upload-small", upload_json).stream_to_file(1024);
    t.put("/upload-keep", [this](http::Request& req) {
       auto res = upload_json(req);
       std::filesystem::rename(req.upload->path, kept_path());
       return res;
     }).stream_to_file(1024 * 1024);
    t.get("/sleep", [this](http::Request& req) {
       ++sleep_started;
       ++sleeping;
       const int ms = std::stoi(req.query_param("ms").value_or("300"));
       std::this_thread::sleep_for(std::chrono::milliseconds(ms));
       --sleeping;
       ++sleep_done;
       return http::Response::text(200, "slept");
     }).blocking();
    t.get("/file", [this](http::Request& req) {
      http::Response res;
      res.headers.set("Content-Type", "application/octet-stream");
      res.file = http::FileBody{pattern_, std::stoull(req.query_param("offset").value_or("0")),
                                std::stoull(req.query_param("length").value_or("0"))};
      return res;
    });
    t.get("/big", [this](http::Request&) {
      http::Response res;
      res.headers.set("Content-Type", "application/octet-stream");
      res.file = http::FileBody{big_, 0, kBigSize};
      return res;
    });
    t.get("/close", [](http::Request&) {
      auto res = http::Response::text(200, "bye");
      res.close = true;
      return res;
    });
  }
};

}  // namespace cove::test
