#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "app/module_list.hpp"
#include "core/config.hpp"

namespace fs = std::filesystem;
using cove::core::Config;
using cove::core::ConfigError;
using cove::core::ConfigSources;
using cove::core::load_config;

namespace {

// A config file in a fresh temp directory, removed at scope end.
class TempConfig {
 public:
  explicit TempConfig(const std::string& text) {
    std::string tmpl = (fs::temp_directory_path() / "cove-config-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    path_ = dir_ / "cove.json";
    std::ofstream(path_) << text;
  }
  ~TempConfig() { fs::remove_all(dir_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path dir_, path_;
};

ConfigSources from_file(const fs::path& file) {
  ConfigSources s;
  s.file = file;
  return s;
}
ConfigSources from_env(std::map<std::string, std::string> env) {
  ConfigSources s;
  s.env = std::move(env);
  return s;
}
ConfigSources from_flags(std::map<std::string, std::string> flags) {
  ConfigSources s;
  s.flags = std::move(flags);
  return s;
}

std::string error_of(const ConfigSources& sources) {
  try {
    load_config(sources);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string file_error(const std::string& text) {
  TempConfig file(text);
  return error_of(from_file(file.path()));
}

// Every leaf key of a JSON document, as dotted paths.
void collect_keys(const nlohmann::json& j, const std::string& prefix,
                  std::map<std::string, nlohmann::json>& out) {
  for (const auto& [name, value] : j.items()) {
    const std::string path = prefix.empty() ? name : prefix + "." + name;
    if (value.is_object()) {
      collect_keys(value, path, out);
    } else {
      out[path] = value;
    }
  }
}

}  // namespace

TEST_CASE("defaults apply without any source and resolve thread counts", "[config]") {
  const Config c = load_config({});
  CHECK(c.http.listen_host == "127.0.0.1");
  CHECK(c.http.listen_port == 8080);
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  CHECK(c.http.threads == cores);
  CHECK(c.worker_threads == std::max(2, cores));
  CHECK(c.data_dir == fs::path("./data"));
  CHECK(c.db.synchronous == "full");
  CHECK(c.http.rate_limit_enabled);
  CHECK(c.document["http"]["timeouts"]["headerSeconds"] == 10);
}

TEST_CASE("file < environment < flags", "[config]") {
  TempConfig file(R"({"http": {"threads": 3, "maxConnections": 50}, "log": {"level": "warn"}})");
  ConfigSources sources = from_file(file.path());
  CHECK(load_config(sources).http.threads == 3);

  sources.env["COVE_HTTP_THREADS"] = "4";
  sources.env["COVE_LOG_LEVEL"] = "debug";
  CHECK(load_config(sources).http.threads == 4);

  sources.flags["http.threads"] = "5";
  const Config c = load_config(sources);
  CHECK(c.http.threads == 5);
  CHECK(c.log.level == "debug");
  CHECK(c.http.max_connections == 50);  // only the file set it
  CHECK(c.document["http"]["threads"] == 5);
}

TEST_CASE("flags for listen and data dir map to their keys", "[config]") {
  const Config c = load_config(from_flags({{"http.listen", "[::1]:0"}, {"data.dir", "/var/lib/cove"}}));
  CHECK(c.http.listen_host == "::1");
  CHECK(c.http.listen_port == 0);
  CHECK(c.data_dir == fs::path("/var/lib/cove"));
}

TEST_CASE("an unknown key in the file names the key path and the file", "[config]") {
  TempConfig file(R"({"http": {"theads": 2}})");
  const std::string err = error_of(from_file(file.path()));
  CHECK(err == "unknown configuration key \"http.theads\" in " + file.path().string());
  CHECK_THAT(file_error(R"({"htp": {}})"), Catch::Contains("\"htp\""));
  CHECK_THAT(file_error(R"({"http": {"timeouts": {"header": 1}}})"),
             Catch::Contains("unknown configuration key \"http.timeouts.header\""));
}

TEST_CASE("wrong types, ranges and enum values are reported with the key", "[config]") {
  CHECK_THAT(file_error(R"({"http": {"threads": "four"}})"),
             Catch::Contains("\"http.threads\"") && Catch::Contains("expected an integer"));
  CHECK_THAT(file_error(R"({"http": {"threads": 2.5}})"), Catch::Contains("expected an integer"));
  CHECK_THAT(file_error(R"({"http": {"threads": 5000}})"), Catch::Contains("between 0 and 1024"));
  CHECK_THAT(file_error(R"({"http": {"maxConnections": 0}})"), Catch::Contains("\"http.maxConnections\""));
  CHECK_THAT(file_error(R"({"http": {"rateLimit": {"enabled": "yes"}}})"),
             Catch::Contains("expected a boolean"));
  CHECK_THAT(file_error(R"({"http": {"cors": {"allowedOrigins": [1]}}})"),
             Catch::Contains("expected an array of strings"));
  CHECK_THAT(file_error(R"({"http": {"cors": {"allowedOrigins": ["https://a.example/path"]}}})"),
             Catch::Contains("is not an origin"));
  CHECK_THAT(file_error(R"({"http": 5})"),
             Catch::Contains("\"http\"") && Catch::Contains("expected an object"));
  CHECK_THAT(file_error(R"({"db": {"synchronous": "off"}})"),
             Catch::Contains("\"db.synchronous\"") && Catch::Contains("full, normal"));
  CHECK_THAT(file_error(R"({"log": {"format": "xml"}})"), Catch::Contains("\"log.format\""));
  CHECK_THAT(file_error(R"({"log": {"level": "loud"}})"), Catch::Contains("\"log.level\""));
  CHECK_THAT(file_error(R"({"http": {"publicUrl": "cove.example.com"}})"),
             Catch::Contains("\"http.publicUrl\""));
  CHECK_THAT(file_error(R"([1, 2])"), Catch::Contains("must contain a JSON object"));
  CHECK_THAT(file_error(R"({"http": )"), Catch::Contains("cannot parse configuration file"));
}

TEST_CASE("listen must be HOST:PORT", "[config]") {
  for (const char* bad :
       {"8080", "localhost", ":8080", "host:", "host:99999", "host:80x", "::1:80", "[::1:80"}) {
    INFO(bad);
    CHECK_THAT(error_of(from_flags({{"http.listen", bad}})),
               Catch::Contains("\"http.listen\" on the command line") && Catch::Contains("HOST:PORT"));
  }
  CHECK(load_config(from_flags({{"http.listen", "0.0.0.0:443"}})).http.listen_port == 443);
}

TEST_CASE("TLS needs both a certificate and a key", "[config]") {
  CHECK_THAT(file_error(R"({"http": {"tls": {"cert": "/etc/cove/cert.pem"}}})"),
             Catch::Contains("\"http.tls.key\" is not") && Catch::Contains("both"));
  const Config c = load_config(from_env({{"COVE_HTTP_TLS_CERT", "c.pem"}, {"COVE_HTTP_TLS_KEY", "k.pem"}}));
  CHECK(c.http.tls.cert == "c.pem");
  CHECK(c.http.tls.key == "k.pem");
}

TEST_CASE("comments are accepted in the file", "[config]") {
  TempConfig file(R"(// leading comment
{
  /* block */ "http": {
    "threads": 2  // trailing comment
  }
})");
  CHECK(load_config(from_file(file.path())).http.threads == 2);
}

TEST_CASE("a missing file is an error naming it", "[config]") {
  CHECK_THAT(error_of(from_file(fs::path("/nonexistent/cove.json"))),
             Catch::Contains("cannot read configuration file /nonexistent/cove.json"));
}

TEST_CASE("environment strings become arrays, booleans and numbers", "[config]") {
  const Config c =
      load_config(from_env({{"COVE_HTTP_CORS_ALLOWEDORIGINS", " https://a.example, ,https://b.example:8443 "},
                            {"COVE_HTTP_TRUSTPROXY", "yes"},
                            {"COVE_LOG_ACCESSLOG", "OFF"},
                            {"COVE_HTTP_RATELIMIT_REQUESTSPERSECOND", "2.5"},
                            {"COVE_ADMIN_EMAIL", "ops@example.com"}}));
  CHECK(c.http.cors_origins == std::vector<std::string>{"https://a.example", "https://b.example:8443"});
  CHECK(c.http.trust_proxy);
  CHECK_FALSE(c.log.access_log);
  CHECK(c.http.rate_limit_per_second == 2.5);
  CHECK(load_config(from_env({{"COVE_HTTP_CORS_ALLOWEDORIGINS", ""}})).http.cors_origins.empty());
}

TEST_CASE("a bad environment value names the variable", "[config]") {
  CHECK_THAT(error_of(from_env({{"COVE_HTTP_THREADS", "many"}})),
             Catch::Contains("COVE_HTTP_THREADS") && Catch::Contains("not an integer"));
  CHECK_THAT(error_of(from_env({{"COVE_HTTP_TRUSTPROXY", "maybe"}})),
             Catch::Contains("COVE_HTTP_TRUSTPROXY") && Catch::Contains("not a boolean"));
  CHECK_THAT(error_of(from_env({{"COVE_DB_BUSYTIMEOUTMS", "-1"}})),
             Catch::Contains("COVE_DB_BUSYTIMEOUTMS") && Catch::Contains("between"));
}

TEST_CASE("environment variable names derive from key paths", "[config]") {
  CHECK(cove::core::env_name_for("http.timeouts.headerSeconds") == "COVE_HTTP_TIMEOUTS_HEADERSECONDS");
  CHECK(cove::core::env_name_for("data.dir") == "COVE_DATA_DIR");
  ::setenv("COVE_CONFIG_TEST_PROBE", "1", 1);
  ::setenv("NOT_COVE_PROBE", "1", 1);
  const auto env = cove::core::environment_variables();
  CHECK(env.at("COVE_CONFIG_TEST_PROBE") == "1");
  CHECK_FALSE(env.contains("NOT_COVE_PROBE"));
  ::unsetenv("COVE_CONFIG_TEST_PROBE");
  ::unsetenv("NOT_COVE_PROBE");
}

namespace {
// The core's keys and the keys the modules declare: every key a configuration may set.
std::vector<cove::core::ConfigKey> all_keys() {
  auto keys = cove::core::config_schema();
  for (const auto& k : cove::app::module_config_keys()) keys.push_back(k);
  return keys;
}
}  // namespace

TEST_CASE("config/cove.example.json documents exactly the schema, with the defaults", "[config]") {
  const fs::path example = fs::path(COVE_SOURCE_DIR) / "config/cove.example.json";
  REQUIRE(fs::exists(example));
  std::ifstream in(example);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::map<std::string, nlohmann::json> documented;
  collect_keys(nlohmann::json::parse(text, nullptr, true, true), "", documented);

  std::set<std::string> schema_keys, documented_keys;
  const auto keys_declared = all_keys();
  for (const auto& key : keys_declared) {
    schema_keys.insert(key.path);
    if (documented.contains(key.path)) {
      INFO(key.path);
      CHECK(documented[key.path] == key.default_value);
    }
  }
  for (const auto& [path, value] : documented) documented_keys.insert(path);
  CHECK(documented_keys == schema_keys);
  // Each key has its own comment line directly above it.
  std::istringstream lines(text);
  std::string line, previous;
  std::size_t keys = 0, commented = 0;
  while (std::getline(lines, line)) {
    const auto start = line.find_first_not_of(' ');
    const bool is_leaf =
        start != std::string::npos && line[start] == '"' && line.find('{') == std::string::npos;
    if (is_leaf) {
      ++keys;
      if (previous.find_first_not_of(' ') == previous.find("//")) ++commented;
    }
    previous = line;
  }
  CHECK(keys == keys_declared.size());
  CHECK(commented == keys);
  // And the file loads cleanly as a configuration.
  CHECK_NOTHROW(cove::app::load_app_config(from_file(example)));
}

// The README's configuration table names every key (`a.b` or `a.{b,c}` in its first column),
// and no key that does not exist.
TEST_CASE("the README's configuration table documents exactly the declared keys", "[config]") {
  std::ifstream in(fs::path(COVE_SOURCE_DIR) / "README.md");
  std::string line;
  bool in_section = false;
  std::set<std::string> documented;
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) in_section = line == "## Configuration";
    if (!in_section || !line.starts_with("| `")) continue;
    const auto first_cell = line.substr(2, line.find('|', 2) - 2);
    for (auto open = first_cell.find('`'); open != std::string::npos; open = first_cell.find('`', open + 1)) {
      const auto close = first_cell.find('`', open + 1);
      const auto token = first_cell.substr(open + 1, close - open - 1);
      open = close;
      const auto brace = token.find('{');
      if (brace == std::string::npos) {
        documented.insert(token);
        continue;
      }
      std::stringstream names(token.substr(brace + 1, token.find('}') - brace - 1));
      std::string name;
      while (std::getline(names, name, ',')) documented.insert(token.substr(0, brace) + name);
    }
  }
  std::set<std::string> declared;
  for (const auto& key : all_keys()) declared.insert(key.path);
  CHECK(documented == declared);
}
