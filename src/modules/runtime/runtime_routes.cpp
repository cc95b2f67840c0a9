// The runtime API for host-app SDKs (issue 4 "Runtime API", DESIGN.md §8): served from the
// catalog snapshot with no SQL on the request path. Routes are .open(): they authenticate with
// the signed headers (request_auth.hpp), not with console credentials.
#include <charconv>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/blob_response.hpp"
#include "modules/gray/live_plan.hpp"
#include "modules/runtime/runtime_routes.hpp"

namespace cove::runtime {

namespace {

constexpr std::size_t kMaxContextParams = 64;
constexpr std::size_t kMaxContextKeyBytes = 64;
constexpr std::size_t kMaxContextValueBytes = 256;
constexpr int kMaxBatchLimit = 200;

// The user context the gray-release rules will read: known attributes and ctx.<key> pairs,
// bounded so a request cannot make the server do unbounded work.
using Params = std::vector<std::pair<std::string, std::string>>;

Params check_context(const http::Request& req) {
  static constexpr std::string_view kKnown[] = {"uid",     "platform", "osVersion",  "deviceModel",
                                                "network", "region",   "sdkVersion", "deviceId"};
  const auto params = req.query_params();
  core::FieldErrors errors;
  if (params.size() > kMaxContextParams) {
    errors.add("query", "too_many", fmt::format("At most {} context parameters", kMaxContextParams));
  }
  for (const auto& [key, value] : params) {
    const bool known = std::find(std::begin(kKnown), std::end(kKnown), key) != std::end(kKnown);
    const bool custom = key.starts_with("ctx.") && key.size() > 4 && key.size() <= kMaxContextKeyBytes;
    if (!known && !custom) {
      errors.add(
          key.size() <= kMaxContextKeyBytes ? key : "query", "unknown_parameter",
          "Use uid, platform, osVersion, deviceModel, network, region, sdkVersion, deviceId or ctx.<key>");
    } else if (value.size() > kMaxContextValueBytes) {
      errors.add(key, "too_long", fmt::format("At most {} bytes", kMaxContextValueBytes));
    }
  }
  errors.throw_if_any();
  return params;
}

// What gray rules read from a request: the context parameters, the host app and the caller's IP.
class RequestAttributes final : public gray::Attributes {
 public:
  RequestAttributes(const Params& params, std::string_view host_id, std::string_view ip)
      : params_(params), host_id_(host_id), ip_(ip) {}

  std::optional<std::string_view> get(std::string_view attribute) const override {
    if (attribute == "hostApp") return host_id_;
    if (attribute == "ip") return ip_;
    for (const auto& [key, value] : params_) {
      if (key == attribute) return std::string_view(value);
    }
    return std::nullopt;
  }

 private:
  const Params& params_;
  std::string_view host_id_;
  std::string_view ip_;
};

// The gray view a running plan selects this user for, else nullptr (the released version).
const GrayView* gray_choice(const Catalog& catalog, const AppView& view, const Params& params,
                            const HostEntry& host, const http::Request& req, core::TimePoint now) {
  if (view.gray.empty() || !catalog.gray.lists) return nullptr;
  const RequestAttributes attributes(params, host.id, req.remote_ip);
  for (const auto& g : view.gray) {
    if (gray::selects(g.plan->plan, attributes, *catalog.gray.lists, now)) return &g;
  }
  return nullptr;
}

std::shared_ptr<const Catalog> snapshot(const CatalogStore& store) {
  auto catalog = store.current();
  if (!catalog)
    throw core::Error(503, "runtime.unavailable", "The runtime catalog is not ready; retry shortly");
  return catalog;
}

http::Response app_answer(const http::Request& req, const std::string& body, const std::string& etag) {
  auto res = req.headers.get("If-None-Match") == etag ? http::Response::empty(304)
                                                      : http::Response::json_text(200, body);
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", "private, no-cache");
  return res;
}

int read_limit(const http::Request& req) {
  const auto text = req.query_param("limit");
  if (!text) return 50;
  int n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < 1 || n > kMaxBatchLimit) {
    core::FieldErrors errors;
    errors.add("limit", "out_of_range", fmt::format("Must be an integer between 1 and {}", kMaxBatchLimit));
    errors.throw_if_any();
  }
  return n;
}

}  // namespace

void mount_runtime_routes(http::Router& router, RuntimeContext& ctx) {
  auto runtime = router.group("/runtime/v1");

  runtime
      .get("/signing-key",
           [&ctx](http::Request&) {
             auto res = http::Response::text(200, ctx.apps.signing_public_pem(), "application/x-pem-file");
             res.headers.set("Cache-Control", "public, max-age=3600");
             return res;
           })
      .open();

  runtime
      .get("/apps/{appId}",
           [&ctx](http::Request& req) {
             const auto catalog = snapshot(ctx.store);
             const auto& host = ctx.auth.verify(req, *catalog);
             const auto params = check_context(req);
             const auto& app_id = req.param("appId");
             const auto it = host.apps.find(app_id);
             if (it == host.apps.end()) {
               if (catalog->known_apps.contains(app_id)) {
                 throw core::Error::not_found("runtime.not_associated",
                                              "This mini-program is not associated with the host app");
               }
               throw core::Error::not_found("runtime.app_not_found", "No such mini-program");
             }
             switch (it->second.reason) {
               case Unservable::kOffline:
                 throw core::Error::not_found("runtime.app_offline", "This mini-program is offline");
               case Unservable::kNotReleased:
                 throw core::Error::not_found("runtime.not_released",
                                              "This mini-program has no released version");
               case Unservable::kNone: break;
             }
             if (const auto* g = gray_choice(*catalog, it->second, params, host, req, ctx.app.clock.now()))
               return app_answer(req, g->body, g->etag);
             return app_answer(req, it->second.body, it->second.etag);
           })
      .open();

  runtime
      .get("/apps",
           [&ctx](http::Request& req) {
             const auto catalog = snapshot(ctx.store);
             const auto& host = ctx.auth.verify(req, *catalog);
             const int limit = read_limit(req);
             auto it = host.servable.begin();
             if (const auto cursor = req.query_param("cursor")) {
               std::string after;
               try {
                 after = core::crypto::from_base64url(*cursor);
               } catch (const std::invalid_argument&) {
                 core::FieldErrors errors;
                 errors.add("cursor", "invalid", "Pass the nextCursor of the previous page");
                 errors.throw_if_any();
               }
               it = host.servable.upper_bound(after);
             }
             std::string body = R"({"items":[)";
             int n = 0;
             std::string last;
             for (; it != host.servable.end() && n < limit; ++it, ++n) {
               if (n > 0) body += ',';
               body += it->second->body;
               last = it->first;
             }
             body += "],\"nextCursor\":";
             body +=
                 it != host.servable.end() ? fmt::format("\"{}\"", core::crypto::base64url(last)) : "null";
             body += '}';
             return http::Response::json_text(200, std::move(body));
           })
      .open();

  runtime
      .get("/packages/{sha256}",
           [&ctx](http::Request& req) {
             const auto catalog = snapshot(ctx.store);
             const auto& host = ctx.auth.verify(req, *catalog);
             const auto& sha = req.param("sha256");
             const auto path = core::BlobStore::valid_hash(sha) ? ctx.app.blobs.path_of(sha) : std::nullopt;
             const auto size = path ? ctx.app.blobs.size(sha) : std::nullopt;
             if (!host.packages.contains(sha) || !path || !size) {
               throw core::Error::not_found("runtime.package_not_found",
                                            "No package with this hash may be run by this host app");
             }
             return http::blob_response(req, {.path = *path,
                                              .size = *size,
                                              .sha256 = sha,
                                              .content_type = "application/zip",
                                              .cache_control = "public, max-age=31536000, immutable"});
           })
      .open();
}

}  // namespace cove::runtime
