#pragma once
// Configuration: built-in defaults < config file (JSON with comments) < COVE_* environment
// variables < command-line flags. Every key is declared once in config_schema.cpp with its type,
// default and description; an unknown key in the file stops start-up naming the key, and
// config/cove.example.json documents every key (a unit test keeps the two in step).
//
// Environment names are derived from key paths: "http.timeouts.headerSeconds" →
// COVE_HTTP_TIMEOUTS_HEADERSECONDS.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::core {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ConfigKey {
  std::string path;          // "http.threads"
  nlohmann::json default_value;  // its type is the key's type (string, integer, boolean, array of strings)
  std::string description;
  std::int64_t min = 0, max = 0;  // for integers, when min < max
};

// Every key Cove knows, in documentation order.
const std::vector<ConfigKey>& config_schema();

struct Config {
  struct Tls {
    std::string cert;  // PEM paths; TLS is on when both are set
    std::string key;
  };
  struct Http {
    std::string listen_host = "127.0.0.1";
    std::uint16_t listen_port = 8080;
    int threads = 0;  // resolved: 0 in the file means "number of cores"
    int max_connections = 10000;
    int max_connections_per_ip = 256;  // by TCP peer address; 0 = no cap
    std::size_t header_limit_bytes = 16 * 1024;
    std::size_t body_limit_bytes = 1024 * 1024;
    int header_timeout_s = 10;
    int idle_timeout_s = 60;
    int body_timeout_s = 30;
    std::uint64_t min_body_rate_bytes_per_second = 1024;  // 0 = no minimum
    int min_body_rate_window_s = 10;
    int shutdown_timeout_s = 10;
    Tls tls;
    std::vector<std::string> cors_origins;
    bool rate_limit_enabled = true;
    double rate_limit_per_second = 100;
    double rate_limit_burst = 200;
    bool trust_proxy = false;  // take the client IP from X-Forwarded-For (only behind a proxy)
    std::string public_url;    // base URL for links; empty = derived from the request
    int idempotency_ttl_hours = 24;  // how long an Idempotency-Key's first response is kept
  } http;
  std::filesystem::path data_dir = "./data";
  int data_min_free_megabytes = 16;  // /readyz is not ready below this much free space
  struct Db {
    std::string synchronous = "full";
    int busy_timeout_ms = 5000;
  } db;
  struct Log {
    std::string level = "info";
    std::string format = "text";
    bool access_log = true;
  } log;
  int worker_threads = 0;  // resolved: 0 means max(2, cores)
  int blob_gc_grace_hours = 24;
  int outbox_retention_days = 7;
  int audit_retention_days = 180;
  nlohmann::json document;  // the merged key/value tree, for modules' own sections

  // A module's key, as merged (the key must be declared; throws std::out_of_range otherwise).
  std::int64_t integer(std::string_view path) const { return value(path).get<std::int64_t>(); }
  std::string text(std::string_view path) const { return value(path).get<std::string>(); }
  bool flag(std::string_view path) const { return value(path).get<bool>(); }
  const nlohmann::json& value(std::string_view path) const;
  // Replaces a key's value after loading (tests; a value is not checked again).
  void set(std::string_view path, nlohmann::json value);
};

struct ConfigSources {
  std::optional<std::filesystem::path> file;   // --config
  std::map<std::string, std::string> env;      // usually the process environment
  std::map<std::string, std::string> flags;    // key path → value, from the CLI
};

// Merges the sources over the defaults and validates, against the core's keys (config_schema())
// and the keys the modules declare (`module_keys`, read back with Config::integer() etc.); throws
// ConfigError with a message naming the offending key and source.
Config load_config(const ConfigSources& sources, const std::vector<ConfigKey>& module_keys = {});
// The process environment's COVE_* variables.
std::map<std::string, std::string> environment_variables();
// "COVE_HTTP_THREADS" for "http.threads".
std::string env_name_for(const std::string& key_path);

}  // namespace cove::core
