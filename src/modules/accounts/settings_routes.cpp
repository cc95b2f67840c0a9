// Platform settings (issue 3 "Settings, quotas, branding"): security policy, quota defaults and
// branding for operators; the public branding the sign-in page loads before anyone signs in.
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/accounts_routes.hpp"

namespace cove::accounts {

namespace {

// Images change rarely and their URLs carry a version (?v=): a matching version may be cached
// for good; any other request revalidates with the ETag after a few minutes.
http::Response serve_image(const BrandingFile& f, const http::Request& req) {
  http::Response res;
  const auto etag = fmt::format("\"{}\"", f.sha256);
  res.headers.set("ETag", etag);
  res.headers.set("Content-Type", f.content_type.empty() ? "application/octet-stream" : f.content_type);
  res.headers.set("Cache-Control", req.query_param("v") == f.sha256.substr(0, 16)
                                       ? "public, max-age=31536000, immutable"
                                       : "public, max-age=300");
  if (req.headers.get("If-None-Match") == etag) {
    res.status = 304;
    return res;
  }
  res.file = http::FileBody{f.path, 0, f.size};
  return res;
}

}  // namespace

void mount_settings_routes(http::Router& router, AccountsServices& services) {
  auto& branding = services.branding;
  auto settings = router.group("/api/v1/platform/settings");
  SettingsService& s = services.settings;

  settings
      .get("/security", [&s](http::Request&) { return http::Response::json(200, to_json(*s.security())); })
      .permission("platform:read");
  settings
      .patch("/security",
             [&s](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               return http::Response::json(200, to_json(s.update_security(req.actor(), in)));
             })
      .permission("platform:settings");

  const QuotaService& quotas = services.quotas;
  settings.get("/quotas", [&quotas](http::Request&) { return http::Response::json(200, quotas.defaults()); })
      .permission("platform:read");
  settings
      .patch("/quotas",
             [&s, &quotas](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               s.update_quotas(req.actor(), [&](nlohmann::json& doc) {
                 quotas.read_defaults(in, doc);
                 in.finish();
               });
               return http::Response::json(200, quotas.defaults());
             })
      .permission("platform:settings");

  settings
      .get("/branding",
           [&s, &branding](http::Request&) {
             return http::Response::json(200, branding.admin_json(*s.branding()));
           })
      .permission("platform:read");
  settings
      .patch("/branding",
             [&s, &branding](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               return http::Response::json(200, branding.admin_json(s.update_branding(req.actor(), in)));
             })
      .permission("platform:settings");

  auto open_branding = router.group("/api/v1/branding").open();
  open_branding.get("", [&branding](http::Request&) {
    auto res = http::Response::json(200, branding.public_json());
    res.headers.set("Cache-Control", "no-cache");
    return res;
  });

  for (const auto image : kBrandingImages) {
    const auto path = fmt::format("/branding/{}", image_name(image));
    // The raw body is the image (≤ 1 MiB); storing it fsyncs, hence blocking.
    settings
        .put(path,
             [&branding, image](http::Request& req) {
               return http::Response::json(
                   200, branding.admin_json(branding.upload(req.actor(), image, req.body)));
             })
        .permission("platform:settings")
        .body_limit(kMaxBrandingImageBytes)
        .blocking();
    settings
        .del(path,
             [&branding, image](http::Request& req) {
               return http::Response::json(200, branding.admin_json(branding.clear(req.actor(), image)));
             })
        .permission("platform:settings");
    open_branding.get(fmt::format("/{}", image_name(image)), [&branding, image](http::Request& req) {
      const auto f = branding.file(image);
      if (!f)
        throw core::Error::not_found("branding.not_set",
                                     "No such image has been uploaded; use the built-in one");
      return serve_image(*f, req);
    });
  }
}

}  // namespace cove::accounts
