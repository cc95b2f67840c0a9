#pragma once
// HTTP request and response as handlers see them. Deliberately free of Beast types: modules never
// include Beast (it dominates compile time); the session converts at the edge.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/principal.hpp"

namespace cove::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view method_name(Method m);
Method parse_method(std::string_view name);

// Header list with case-insensitive lookup; small, so a vector beats a map.
class Headers {
 public:
  std::optional<std::string_view> get(std::string_view name) const;
  void set(std::string_view name, std::string value);  // replaces
  void add(std::string name, std::string value);       // appends (Set-Cookie, Vary)
  bool has(std::string_view name) const { return get(name).has_value(); }
  void remove(std::string_view name);
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  void reserve(std::size_t n) { items_.reserve(n); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

bool iequals(std::string_view a, std::string_view b);

// A request body streamed to a temp file (routes marked stream_to_file). The file is removed when
// the request ends unless a handler moved it (BlobStore::adopt).
struct UploadedFile {
  std::filesystem::path path;
  std::string sha256;  // lowercase hex, computed while streaming
  std::uint64_t size = 0;
};

struct RouteInfo;
class EventStream;

struct Request {
  Method method = Method::kGet;
  std::string method_text;  // as sent, for Allow/405 and logs
  std::string target;       // path + query exactly as sent
  std::string path;         // percent-decoded path
  std::string query;        // raw query string without '?'
  Headers headers;
  std::string body;
  std::optional<UploadedFile> upload;
  std::vector<std::pair<std::string, std::string>> params;  // path parameters, decoded
  std::string request_id;
  std::string remote_ip;
  bool secure = false;  // arrived over TLS
  std::shared_ptr<const core::Principal> principal = core::Principal::guest();
  const RouteInfo* route = nullptr;
  // The organisation the permission check resolved the request to (from {orgId} or from the
  // resource in the path); handlers pass it as the tenancy scope to repositories.
  std::string org_id;

  // A path parameter; throws std::out_of_range for a name the route does not declare.
  const std::string& param(std::string_view name) const;
  // The first value of a query parameter, percent-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  // All query parameters in order, percent-decoded.
  std::vector<std::pair<std::string, std::string>> query_params() const;
  // The caller for services: principal, IP, user agent, request id.
  core::Actor actor() const;
};

// A response body may be a file region (blobs, downloads) instead of a string, so large files are
// sent with sendfile-sized chunks without being read into memory.
struct FileBody {
  std::filesystem::path path;
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
  // A temporary file made for this response (an export): removed once opened for sending, so
  // it goes away with the last descriptor whether the client reads it all or disconnects.
  bool remove_after_open = false;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  std::optional<FileBody> file;
  bool close = false;  // close the connection after writing
  // Set: a Server-Sent Events response (http/event_stream.hpp) that stays open until the stream
  // closes or the client leaves; `body` is ignored and the connection closes afterwards.
  std::shared_ptr<EventStream> events;

  static Response json(int status, const nlohmann::json& body);
  static Response json_text(int status, std::string body);  // already-serialised JSON
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response no_content();
  static Response empty(int status);
};

// Percent-decoding for paths and query values; returns false on a malformed escape.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);
std::string percent_encode(std::string_view in);

}  // namespace cove::http
