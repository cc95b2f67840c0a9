// /api/v1/auth/password-reset: "forgot password" for anyone (open routes; the link is the proof).
#include "core/clock.hpp"
#include "core/field_rules.hpp"
#include "core/json_input.hpp"
#include "modules/notify/notification_kinds.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

namespace {

constexpr std::size_t kBodyLimit = 4 * 1024;

std::string language_of(const http::Request& req) {
  // The console sends its language; a browser's own list starts with the one it prefers.
  const auto header = std::string(req.headers.get("Accept-Language").value_or(""));
  return header.starts_with("en") ? "en-US" : "zh-CN";
}

}  // namespace

void mount_password_reset_routes(http::Router& router, const NotifyServices& s) {
  PasswordResetService* resets = &s.resets;
  auto auth = router.group("/api/v1/auth/password-reset").open();

  auth.post("",
            [resets](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto email = core::read_email(in, "email", true);
              in.finish();
              resets->request(req.actor(), *email, language_of(req));
              return http::Response::json(202, {{"accepted", true}});
            })
      .body_limit(kBodyLimit);

  auth.get("/{token}", [resets](http::Request& req) {
    const auto info = resets->inspect(req.param("token"));
    return http::Response::json(200,
                                {{"email", info.email}, {"expiresAt", core::format_rfc3339_millis(info.expires_ms)}});
  });

  // Hashes the new password: on the worker pool.
  auth.post("/{token}",
            [resets](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto password = in.required_string("newPassword", {.min_chars = 1, .max_chars = 256});
              in.finish();
              resets->complete(req.actor(), req.param("token"), password);
              return http::Response::no_content();
            })
      .body_limit(kBodyLimit)
      .blocking();
}

}  // namespace cove::notify
