// `cove serve`: runs the platform until SIGINT/SIGTERM (DESIGN.md §4, §9).
#include <fmt/format.h>

#include "app/app.hpp"
#include "app/cli.hpp"
#include "core/log.hpp"

namespace cove::app {

namespace {

std::string base_url(const core::Config& config, std::uint16_t port) {
  const bool v6 = config.http.listen_host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", config.http.tls.cert.empty() ? "http" : "https", v6 ? "[" : "",
                     config.http.listen_host, v6 ? "]" : "", port);
}

int run_serve(const Args& args) {
  core::Config config = load_command_config(args);
  configure_logging(config);
  App app(std::move(config));
  app.start();
  // Before the "listening" line: whoever waits for that line may signal us at once.
  app.stop_on_signals();
  const std::string url = base_url(app.config(), app.port());
  const std::string data_dir = app.config().data_dir.string();
  core::log::info("cove listening", {{"url", url}, {"data", data_dir}, {"version", cove_version()}});
  core::log::flush();
  app.wait();
  core::log::info("cove stopped");
  core::log::flush();
  return kExitOk;
}

}  // namespace

Command serve_command() {
  Command c;
  c.name = "serve";
  c.summary = "Run the server";
  c.description =
      "Runs the platform: the HTTP API, the runtime API for host apps and the web console.\n"
      "On first start with an empty data directory it creates the directory (mode 0700),\n"
      "generates secrets, creates the database and, when COVE_ADMIN_EMAIL and\n"
      "COVE_ADMIN_PASSWORD are set, the first platform operator; when neither is set and no\n"
      "operator exists, it logs a one-time setup link (path /setup#...) for the web console.\n"
      "\n"
      "Configuration, lowest precedence first: built-in defaults < --config FILE < COVE_*\n"
      "environment variables (http.threads -> COVE_HTTP_THREADS) < flags. An unknown key in the\n"
      "file stops start-up. See config/cove.example.json for every key.\n"
      "\n"
      "SIGINT/SIGTERM stop accepting connections, let in-flight requests finish (at most\n"
      "http.timeouts.shutdownSeconds) and exit 0. One server per data directory.";
  c.flags = data_flags();
  c.flags.insert(c.flags.begin(), FlagSpec{"listen", "HOST:PORT",
                                           "Address to listen on (default 127.0.0.1:8080; 0 = any port)"});
  c.run = run_serve;
  return c;
}

}  // namespace cove::app
