// The runtime API for host-app SDKs (issue 4 "Runtime API", DESIGN.md §8): served from the
// catalog snapshot with no SQL on the request path. Routes are .open(): they authenticate with
// the signed headers (apps::SdkAuth), not with console credentials; the decisions are in
// resolver.hpp.
#include "modules/runtime/runtime_routes.hpp"

#include <optional>

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

  // The trust data users are shown (the wallet's 小程序属性 page), as in the answer's `profile`.
  runtime
      .get("/apps/{appId}/profile",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             const auto catalog = snapshot(s);
             return app_answer(req, resolve_profile(*catalog, host->id, req.param("appId")));
           })
      .open();

  // The files the profile links to: the icon and the third-party audit certificate, by hash
  // (ETag, If-None-Match → 304), for a mini-program the host app runs.
  const auto file_route = [&s](bool icon) {
    return [&s, icon](http::Request& req) {
      const auto host = s.apps.sdk_auth().verify(req);
      const auto catalog = snapshot(s);
      const auto& view = associated_view(*catalog, host->id, req.param("appId"));
      const auto* file = icon ? view.icon : view.certificate;
      const auto path = file ? s.blobs.path_of(file->sha256) : std::nullopt;
      const auto size = path ? s.blobs.size(file->sha256) : std::nullopt;
      if (!file || !path || !size) {
        throw core::Error::not_found("runtime.file_not_found",
                                     icon ? "This mini-program has no icon" : "This mini-program has no audit certificate");
      }
      return http::blob_response(req, {.path = *path,
                                       .size = *size,
                                       .sha256 = file->sha256,
                                       .content_type = file->content_type,
                                       .cache_control = "private, max-age=3600",
                                       .content_disposition = icon ? "" : "attachment"});
    };
  };
  runtime.get("/apps/{appId}/icon", file_route(true)).open();
  runtime.get("/apps/{appId}/certificate", file_route(false)).open();

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
