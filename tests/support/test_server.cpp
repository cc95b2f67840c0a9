#include "support/test_server.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

#include "app/module_list.hpp"

namespace cove::test {

std::filesystem::path make_temp_dir(const char* prefix) {
  auto tmpl = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

core::Config TestServer::test_config(const std::filesystem::path& data_dir) {
  core::Config c = app::load_app_config({});  // every key's default, the modules' included
  c.data_dir = data_dir;
  c.http.listen_host = "127.0.0.1";
  c.http.listen_port = 0;
  c.http.threads = 2;
  c.worker_threads = 2;
  c.log.access_log = false;
  c.db.synchronous = "normal";  // tests do not need power-loss durability
  c.set("security.passwordHashLogN", 10);  // fast hashes: tests sign in hundreds of times
  return c;
}

TestServer::TestServer(TestServerOptions options) {
  if (options.data_dir.empty()) {
    data_dir_ = make_temp_dir("cove-test");
    owns_dir_ = true;
  } else {
    data_dir_ = options.data_dir;
  }
  auto config = test_config(data_dir_);
  if (options.configure) options.configure(config);
  tls_ = !config.http.tls.cert.empty();
  app::AppOptions app_options;
  app_options.clock = options.clock;
  if (options.modules) app_options.extra_modules = options.modules();
  app_ = std::make_unique<app::App>(std::move(config), std::move(app_options));
  app_->start();
}

TestServer::~TestServer() {
  app_.reset();
  if (owns_dir_) {
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  }
}

void TestServer::stop() { app_->stop(); }

http::Client TestServer::client() const {
  http::ClientOptions options;
  options.tls = tls_;
  options.verify_peer = false;  // the tests that check certificates do so themselves
  return http::Client("127.0.0.1", app_->port(), options);
}

}  // namespace cove::test
