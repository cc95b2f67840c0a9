#include "core/config.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include <fmt/format.h>

extern char** environ;

namespace cove::core {

namespace {

using nlohmann::json;

enum class Kind { kString, kInteger, kNumber, kBoolean, kStringArray };

Kind kind_of(const ConfigKey& key) {
  const json& d = key.default_value;
  if (d.is_boolean()) return Kind::kBoolean;
  if (d.is_number_float()) return Kind::kNumber;
  if (d.is_number()) return Kind::kInteger;
  if (d.is_array()) return Kind::kStringArray;
  return Kind::kString;
}

std::string_view expected_name(Kind kind) {
  switch (kind) {
    case Kind::kString: return "a string";
    case Kind::kInteger: return "an integer";
    case Kind::kNumber: return "a number";
    case Kind::kBoolean: return "a boolean";
    case Kind::kStringArray: return "an array of strings";
  }
  return "a value";
}

// Where a value came from, phrased to follow the key in an error message.
struct Origin {
  std::string text;
};

[[noreturn]] void fail(const std::string& path, const Origin& origin, const std::string& what) {
  throw ConfigError(fmt::format("invalid value for \"{}\" {}: {}", path, origin.text, what));
}

using Keys = std::vector<ConfigKey>;

const ConfigKey* find_key(const Keys& keys, std::string_view path) {
  for (const auto& key : keys) {
    if (key.path == path) return &key;
  }
  return nullptr;
}

bool is_section(const Keys& keys, const std::string& prefix) {
  return std::any_of(keys.begin(), keys.end(), [&](const ConfigKey& k) {
    return k.path.size() > prefix.size() && k.path.compare(0, prefix.size(), prefix) == 0 &&
           k.path[prefix.size()] == '.';
  });
}

void check_range(const ConfigKey& key, const Origin& origin, double value) {
  if (key.min < key.max && (value < static_cast<double>(key.min) || value > static_cast<double>(key.max))) {
    fail(key.path, origin, fmt::format("must be between {} and {}, got {}", key.min, key.max, value));
  }
}

// Type and range check of a value from the file (or one parsed from an env/flag string).
void check_value(const ConfigKey& key, const Origin& origin, const json& value) {
  const Kind kind = kind_of(key);
  bool ok = false;
  switch (kind) {
    case Kind::kString: ok = value.is_string(); break;
    case Kind::kInteger: ok = value.is_number_integer(); break;
    case Kind::kNumber: ok = value.is_number(); break;
    case Kind::kBoolean: ok = value.is_boolean(); break;
    case Kind::kStringArray:
      ok = value.is_array() &&
           std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
      break;
  }
  if (!ok) fail(key.path, origin, fmt::format("expected {}, got {}", expected_name(kind), value.dump()));
  if (kind == Kind::kInteger) {
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
      fail(key.path, origin, fmt::format("{} is too large", value.dump()));
    }
    const auto n = value.get<std::int64_t>();
    if (key.min < key.max && (n < key.min || n > key.max)) {
      fail(key.path, origin, fmt::format("must be between {} and {}, got {}", key.min, key.max, n));
    }
  } else if (kind == Kind::kNumber) {
    check_range(key, origin, value.get<double>());
  }
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Environment variables and flags are strings; this gives them the key's type.
json parse_text(const ConfigKey& key, const Origin& origin, const std::string& raw) {
  const std::string text = trim(raw);
  switch (kind_of(key)) {
    case Kind::kString: return raw;
    case Kind::kInteger: {
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        fail(key.path, origin, fmt::format("\"{}\" is not an integer", raw));
      }
      return n;
    }
    case Kind::kNumber: {
      char* end = nullptr;
      const double d = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) {
        fail(key.path, origin, fmt::format("\"{}\" is not a number", raw));
      }
      return d;
    }
    case Kind::kBoolean: {
      const std::string v = lower(text);
      if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
      if (v == "false" || v == "0" || v == "no" || v == "off") return false;
      fail(key.path, origin, fmt::format("\"{}\" is not a boolean (use true or false)", raw));
    }
    case Kind::kStringArray: {
      json items = json::array();
      std::stringstream in(raw);
      std::string item;
      while (std::getline(in, item, ',')) {
        item = trim(item);
        if (!item.empty()) items.push_back(item);
      }
      return items;
    }
  }
  return raw;
}

using Values = std::map<std::string, std::pair<json, Origin>>;

// Walks the file's object tree: every leaf must be a known key, every object a known section.
void merge_object(const Keys& keys, const json& object, const std::string& prefix, const Origin& origin,
                  const std::filesystem::path& file, Values& values) {
  for (const auto& [name, value] : object.items()) {
    const std::string path = prefix.empty() ? name : prefix + "." + name;
    if (const ConfigKey* key = find_key(keys, path)) {
      check_value(*key, origin, value);
      values[path] = {value, origin};
    } else if (is_section(keys, path)) {
      if (!value.is_object()) fail(path, origin, fmt::format("expected an object, got {}", value.dump()));
      merge_object(keys, value, path, origin, file, values);
    } else {
      throw ConfigError(fmt::format("unknown configuration key \"{}\" in {}", path, file.string()));
    }
  }
}

void merge_file(const Keys& keys, const std::filesystem::path& file, Values& values) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("cannot read configuration file {}", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  json doc;
  try {
    doc = json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    throw ConfigError(fmt::format("cannot parse configuration file {}: {}", file.string(), e.what()));
  }
  if (!doc.is_object()) {
    throw ConfigError(fmt::format("configuration file {} must contain a JSON object", file.string()));
  }
  merge_object(keys, doc, "", Origin{"in " + file.string()}, file, values);
}

struct Listen {
  std::string host;
  std::uint16_t port = 0;
};

Listen parse_listen(const std::string& text, const Origin& origin) {
  const auto colon = text.rfind(':');
  const auto bad = [&] {
    fail("http.listen", origin, fmt::format("expected HOST:PORT such as 127.0.0.1:8080, got \"{}\"", text));
  };
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) bad();
  std::string host = text.substr(0, colon);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    bad();  // a bare IPv6 address is ambiguous; it needs brackets
  }
  const std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) bad();
  return {host, static_cast<std::uint16_t>(port)};
}

bool is_http_url(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

int cores() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

class Reader {
 public:
  explicit Reader(const Values& values) : values_(values) {}
  const json& get(const std::string& path) const { return values_.at(path).first; }
  const Origin& origin(const std::string& path) const { return values_.at(path).second; }
  std::string str(const std::string& path) const { return get(path).get<std::string>(); }
  int integer(const std::string& path) const { return static_cast<int>(get(path).get<std::int64_t>()); }
  bool boolean(const std::string& path) const { return get(path).get<bool>(); }
  void one_of(const std::string& path, std::initializer_list<std::string_view> allowed) const {
    const std::string v = str(path);
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      fail(path, origin(path), fmt::format("\"{}\" is not one of: {}", v, fmt::join(allowed, ", ")));
    }
  }

 private:
  const Values& values_;
};

Config build(const Values& values) {
  const Reader r(values);
  Config c;
  const Listen listen = parse_listen(r.str("http.listen"), r.origin("http.listen"));
  c.http.listen_host = listen.host;
  c.http.listen_port = listen.port;
  const int threads = r.integer("http.threads");
  c.http.threads = threads == 0 ? cores() : threads;
  c.http.max_connections = r.integer("http.maxConnections");
  c.http.max_connections_per_ip = r.integer("http.maxConnectionsPerIp");
  c.http.header_limit_bytes = r.get("http.headerLimitBytes").get<std::size_t>();
  c.http.body_limit_bytes = r.get("http.bodyLimitBytes").get<std::size_t>();
  c.http.header_timeout_s = r.integer("http.timeouts.headerSeconds");
  c.http.idle_timeout_s = r.integer("http.timeouts.idleSeconds");
  c.http.body_timeout_s = r.integer("http.timeouts.bodySeconds");
  c.http.min_body_rate_bytes_per_second = r.get("http.minBodyRateBytesPerSecond").get<std::uint64_t>();
  c.http.min_body_rate_window_s = r.integer("http.minBodyRateWindowSeconds");
  c.http.shutdown_timeout_s = r.integer("http.timeouts.shutdownSeconds");
  c.http.tls.cert = r.str("http.tls.cert");
  c.http.tls.key = r.str("http.tls.key");
  if (c.http.tls.cert.empty() != c.http.tls.key.empty()) {
    const std::string missing = c.http.tls.cert.empty() ? "http.tls.cert" : "http.tls.key";
    const std::string set = c.http.tls.cert.empty() ? "http.tls.key" : "http.tls.cert";
    throw ConfigError(
        fmt::format("\"{}\" is set {} but \"{}\" is not: TLS needs both a certificate and a key", set,
                    r.origin(set).text, missing));
  }
  for (const auto& origin : r.get("http.cors.allowedOrigins")) {
    const auto o = origin.get<std::string>();
    const auto scheme_end = o.find("://");
    if (o != "*" && (!is_http_url(o) || o.find('/', scheme_end + 3) != std::string::npos)) {
      fail("http.cors.allowedOrigins", r.origin("http.cors.allowedOrigins"),
           fmt::format("\"{}\" is not an origin (scheme://host[:port], no path) or \"*\"", o));
    }
    c.http.cors_origins.push_back(o);
  }
  c.http.rate_limit_enabled = r.boolean("http.rateLimit.enabled");
  c.http.rate_limit_per_second = r.get("http.rateLimit.requestsPerSecond").get<double>();
  c.http.rate_limit_burst = r.get("http.rateLimit.burst").get<double>();
  c.http.trust_proxy = r.boolean("http.trustProxy");
  c.http.public_url = r.str("http.publicUrl");
  if (!c.http.public_url.empty() && !is_http_url(c.http.public_url)) {
    fail("http.publicUrl", r.origin("http.publicUrl"),
         fmt::format("\"{}\" must start with http:// or https://", c.http.public_url));
  }
  while (c.http.public_url.ends_with('/')) c.http.public_url.pop_back();
  c.http.idempotency_ttl_hours = r.integer("http.idempotency.ttlHours");

  if (r.str("data.dir").empty()) fail("data.dir", r.origin("data.dir"), "must not be empty");
  c.data_dir = r.str("data.dir");
  c.data_min_free_megabytes = r.integer("data.minFreeMegabytes");
  r.one_of("db.synchronous", {"full", "normal"});
  c.db.synchronous = r.str("db.synchronous");
  c.db.busy_timeout_ms = r.integer("db.busyTimeoutMs");
  r.one_of("log.level", {"debug", "info", "warn", "error"});
  c.log.level = r.str("log.level");
  r.one_of("log.format", {"text", "json"});
  c.log.format = r.str("log.format");
  c.log.access_log = r.boolean("log.accessLog");
  const int workers = r.integer("workers.threads");
  c.worker_threads = workers == 0 ? std::max(2, cores()) : workers;
  c.blob_gc_grace_hours = r.integer("blobs.gcGraceHours");
  c.outbox_retention_days = r.integer("outbox.retentionDays");
  c.audit_retention_days = r.integer("audit.retentionDays");

  c.document = json::object();
  for (const auto& [path, value] : values) {
    std::string pointer = "/" + path;
    std::replace(pointer.begin(), pointer.end(), '.', '/');
    c.document[json::json_pointer(pointer)] = value.first;
  }
  return c;
}

}  // namespace

Config load_config(const ConfigSources& sources, const std::vector<ConfigKey>& module_keys) {
  Keys keys = config_schema();
  for (const auto& key : module_keys) {
    if (find_key(keys, key.path)) throw std::logic_error("configuration key declared twice: " + key.path);
    keys.push_back(key);
  }
  Values values;
  for (const auto& key : keys) values[key.path] = {key.default_value, Origin{"(default)"}};

  if (sources.file) merge_file(keys, *sources.file, values);

  for (const auto& key : keys) {
    const std::string name = env_name_for(key.path);
    if (auto it = sources.env.find(name); it != sources.env.end()) {
      const Origin origin{"in environment variable " + name};
      json value = parse_text(key, origin, it->second);
      check_value(key, origin, value);
      values[key.path] = {std::move(value), origin};
    }
  }

  for (const auto& [path, text] : sources.flags) {
    const ConfigKey* key = find_key(keys, path);
    if (key == nullptr) {
      throw ConfigError(fmt::format("unknown configuration key \"{}\" on the command line", path));
    }
    const Origin origin{"on the command line"};
    json value = parse_text(*key, origin, text);
    check_value(*key, origin, value);
    values[path] = {std::move(value), origin};
  }
  return build(values);
}

namespace {
nlohmann::json::json_pointer pointer_of(std::string_view path) {
  std::string pointer(1, '/');
  pointer += path;
  std::replace(pointer.begin(), pointer.end(), '.', '/');
  return nlohmann::json::json_pointer(pointer);
}
}  // namespace

const nlohmann::json& Config::value(std::string_view path) const {
  const auto p = pointer_of(path);
  if (!document.contains(p)) throw std::out_of_range("configuration key not declared: " + std::string(path));
  return document.at(p);
}

void Config::set(std::string_view path, nlohmann::json v) { document[pointer_of(path)] = std::move(v); }

std::map<std::string, std::string> environment_variables() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos || !entry.starts_with("COVE_")) continue;
    out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return out;
}

std::string env_name_for(const std::string& key_path) {
  std::string name = "COVE_";
  for (char c : key_path) {
    name.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return name;
}

}  // namespace cove::core
