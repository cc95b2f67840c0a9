#pragma once
// A real Cove server for API tests: the same App `cove serve` builds, on an ephemeral loopback
// port with a fresh temp data directory, stopped (and the directory removed) on destruction.
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "app/app.hpp"
#include "http/client.hpp"

namespace cove::test {

struct TestServerOptions {
  // Adjusts the configuration before the App is built (timeouts, limits, CORS…).
  std::function<void(core::Config&)> configure;
  // Builds extra modules (probe routes) for this server.
  std::function<std::vector<std::unique_ptr<modules::Module>>()> modules;
  // Reuse an existing data directory (restart scenarios); it is not removed afterwards.
  std::filesystem::path data_dir;
  const core::Clock* clock = nullptr;
};

class TestServer {
 public:
  explicit TestServer(TestServerOptions options = {});
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Over TLS when the server has a certificate configured.
  http::Client client() const;
  std::uint16_t port() const { return app_->port(); }
  app::App& app() { return *app_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // Stops the server now (graceful); the destructor then only cleans up.
  void stop();

  // A configuration suitable for tests: port 0, two threads, no access log, relaxed limits.
  static core::Config test_config(const std::filesystem::path& data_dir);

 private:
  std::filesystem::path data_dir_;
  bool owns_dir_ = false;
  bool tls_ = false;  // http.tls.cert set: client() speaks TLS (without checking the certificate)
  std::unique_ptr<app::App> app_;
};

// A unique empty directory under the system temp dir.
std::filesystem::path make_temp_dir(const char* prefix);

}  // namespace cove::test
