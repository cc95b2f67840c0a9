// The runtime API for host-app SDKs (issue 4 "Runtime API", DESIGN.md §8): served from the
// catalog snapshot with no SQL on the request path. Routes are .open(): they authenticate with
// the signed headers (apps::SdkAuth), not with console credentials; the decisions are in
// resolver.hpp.
#include "modules/runtime/runtime_routes.hpp"

#include "core/error.hpp"
#include "http/blob_response.hpp"
#include "http/query_input.hpp"
#include "modules/runtime/resolver.hpp"

namespace cove::runtime {

namespace {

constexpr int kMaxBatchLimit = 200;

std::shared_ptr<const Catalog> snapshot(const RuntimeServices& s) {
  auto catalog = s.catalog.current();
  if (!catalog) throw core::Error(503, "runtime.unavailable", "The runtime catalog is not ready; retry shortly");
  return catalog;
}

http::Response app_answer(const http::Request& req, const Answer& answer) {
  auto res = req.headers.get("If-None-Match") == answer.etag ? http::Response::empty(304)
                                                             : http::Response::json_text(200, answer.body);
  res.headers.set("ETag", answer.etag);
  res.headers.set("Cache-Control", "private, no-cache");
  return res;
}

}  // namespace

void mount_runtime_routes(http::Router& router, const RuntimeServices& s) {
  auto runtime = router.group("/runtime/v1");

  runtime
      .get("/signing-key",
           [&s](http::Request&) {
             auto res = http::Response::text(200, s.apps.signing_public_pem(), "application/x-pem-file");
             res.headers.set("Cache-Control", "public, max-age=3600");
             return res;
           })
      .open();

  runtime
      .get("/apps/{appId}",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             const auto context = check_context(req.query_params());
             return app_answer(req, resolve_app(*catalog, {.host_app_id = host->id,
                                                           .app_id = req.param("appId"),
                                                           .context = context,
                                                           .ip = req.remote_ip,
                                                           .now = s.clock.now()}));
           })
      .open();

  runtime
      .get("/apps",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             http::QueryInput q(req);
             const auto limit = q.optional_int("limit", 1, kMaxBatchLimit).value_or(50);
             q.finish();
             return http::Response::json_text(
                 200, servable_page(*catalog, host->id, req.query_param("cursor").value_or(""), static_cast<int>(limit)));
           })
      .open();

  runtime
      .get("/packages/{sha256}",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             const auto& sha = req.param("sha256");
             const auto path = core::BlobStore::valid_hash(sha) ? s.blobs.path_of(sha) : std::nullopt;
             const auto size = path ? s.blobs.size(sha) : std::nullopt;
             if (!may_download(*catalog, host->id, sha) || !path || !size) {
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
