#pragma once
// Routing: a segment trie with `{param}` captures. Routes are declared in groups that carry a
// prefix and guards:
//
//   auto apps = router.group("/api/v1/apps").guard(require_user());
//   apps.get("/{appId}", get_app).permission("apps:read");
//   apps.put("/{appId}/versions/{version}/package", upload).stream_to_file(512_MiB).blocking();
//
// match() distinguishes "no such path" (404) from "path exists, method does not" (405 + Allow).
// HEAD is served by the GET handler. Route metadata (template, guards, permission) is kept so
// /metrics labels by template and the authorisation-matrix test can walk every route.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/types.hpp"

namespace cove::http {

using Handler = std::function<Response(Request&)>;

// A guard runs before the handler and throws core::Error (401/403/404) to refuse.
struct Guard {
  std::string name;  // "user", "permission:apps:write" — shown in route listings
  std::function<void(Request&)> check;
};

struct RouteInfo {
  Method method = Method::kGet;
  std::string pattern;  // "/api/v1/apps/{appId}", the metrics label
  Handler handler;
  std::vector<Guard> guards;
  std::string permission;        // declared permission ("" = none declared)
  bool is_public = false;        // declared open to anyone (sign-in, health, runtime)
  bool blocking = false;         // run on the worker pool
  bool event_stream = false;     // answers a Server-Sent Events stream that stays open
  std::size_t body_limit = 0;    // 0 = server default
  std::uint64_t stream_limit = 0;  // >0: stream body to a temp file up to this size
  // Optional per-request limit below stream_limit (an organisation's package quota), asked after
  // the permission check so a too-large Content-Length is refused before a byte is read.
  std::function<std::uint64_t(const Request&)> stream_limit_for;
};

class Router;

class RouteBuilder {
 public:
  explicit RouteBuilder(RouteInfo& info) : info_(info) {}
  RouteBuilder& blocking() { info_.blocking = true; return *this; }
  RouteBuilder& body_limit(std::size_t bytes) { info_.body_limit = bytes; return *this; }
  RouteBuilder& stream_to_file(std::uint64_t limit) { info_.stream_limit = limit; return *this; }
  RouteBuilder& stream_to_file(std::uint64_t ceiling, std::function<std::uint64_t(const Request&)> limit_for) {
    info_.stream_limit = ceiling;
    info_.stream_limit_for = std::move(limit_for);
    return *this;
  }
  RouteBuilder& guard(Guard g) { info_.guards.push_back(std::move(g)); return *this; }
  // Declares the permission the route needs; the pipeline enforces it through the permission
  // checker the accounts module installs (without one, such routes answer 403).
  RouteBuilder& permission(std::string perm) { info_.permission = std::move(perm); return *this; }
  RouteBuilder& open() { info_.is_public = true; return *this; }
  // Declares that a successful answer is an event stream (Response::events): clients and tests
  // must not wait for its end.
  RouteBuilder& event_stream() { info_.event_stream = true; return *this; }

 private:
  RouteInfo& info_;
};

class RouteGroup {
 public:
  RouteGroup(Router& router, std::string prefix, std::vector<Guard> guards, bool is_public)
      : router_(router), prefix_(std::move(prefix)), guards_(std::move(guards)), public_(is_public) {}

  RouteGroup group(std::string_view prefix) const;
  RouteGroup& guard(Guard g) { guards_.push_back(std::move(g)); return *this; }
  // Every route of this group is open to anyone (health, sign-in, runtime with its own auth).
  RouteGroup& open() { public_ = true; return *this; }

  RouteBuilder get(std::string_view path, Handler h) { return add(Method::kGet, path, std::move(h)); }
  RouteBuilder post(std::string_view path, Handler h) { return add(Method::kPost, path, std::move(h)); }
  RouteBuilder put(std::string_view path, Handler h) { return add(Method::kPut, path, std::move(h)); }
  RouteBuilder patch(std::string_view path, Handler h) { return add(Method::kPatch, path, std::move(h)); }
  RouteBuilder del(std::string_view path, Handler h) { return add(Method::kDelete, path, std::move(h)); }
  RouteBuilder add(Method m, std::string_view path, Handler h);

 private:
  Router& router_;
  std::string prefix_;
  std::vector<Guard> guards_;
  bool public_ = false;
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const RouteInfo* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<Method> allowed;  // for 405 and CORS preflight
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  RouteGroup group(std::string_view prefix);
  RouteInfo& add(Method m, std::string pattern, Handler h);  // throws on a conflicting route

  // `path` must be percent-decoded already. Captured values are the decoded segments.
  RouteMatch match(Method m, std::string_view path) const;

  // Every route, in registration order.
  std::vector<const RouteInfo*> routes() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<RouteInfo>> routes_;
};

std::string allow_header(const std::vector<Method>& methods);

}  // namespace cove::http
