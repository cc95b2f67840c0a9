// /api/v1/auth: sign-in, refresh, sign-out, password change and two-factor set-up. The refresh
// token only ever travels in the `cove_refresh` cookie (HttpOnly, so page scripts cannot read it;
// SameSite=Strict and scoped to /api/v1/auth, so no other request carries it).
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/errors.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/auth_service.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/password_service.hpp"

namespace cove::accounts {

namespace {

constexpr std::string_view kRefreshCookie = "cove_refresh";
constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr core::StringRule kEmailRule{.min_chars = 1, .max_chars = 254};
constexpr core::StringRule kPasswordRule{.min_chars = 1, .max_chars = kMaxPasswordBytes};
constexpr core::StringRule kCodeRule{.min_chars = 1, .max_chars = 32};

// The services behind these routes, built once per server.
struct AuthServices {
  explicit AuthServices(AccountsContext& ctx)
      : lockout(ctx.app.audit, ctx.app.clock, ctx.settings),
        sessions(ctx),
        totp(ctx, lockout),
        auth(ctx, lockout, totp, sessions),
        passwords(ctx, lockout) {}
  LoginLockout lockout;
  SessionService sessions;
  TotpService totp;
  AuthService auth;
  PasswordService passwords;
};

std::string refresh_cookie(std::string_view token, std::int64_t max_age_s) {
  // Secure is always set: browsers treat http://localhost and 127.0.0.1 as secure contexts, so
  // local development works, and a deployment can never send the token in clear by mistake.
  return fmt::format("{}={}; HttpOnly; Secure; SameSite=Strict; Path=/api/v1/auth; Max-Age={}",
                     kRefreshCookie, token, max_age_s);
}

std::string cleared_refresh_cookie() { return refresh_cookie("", 0); }

std::string cookie_value(const http::Request& req, std::string_view name) {
  const auto header = req.headers.get("Cookie");
  if (!header) return {};
  std::string_view rest = *header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    auto pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
  }
  return {};
}

http::Response session_response(const SessionGrant& grant) {
  auto res = http::Response::json(200, {{"accessToken", grant.access.token},
                                        {"expiresIn", grant.access.expires_in_s},
                                        {"user", to_public_json(grant.user)}});
  res.headers.add("Set-Cookie", refresh_cookie(grant.refresh_token, grant.refresh_max_age_s));
  return res;
}

std::string trimmed(std::string s) {
  const auto first = s.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

// Routes without fields still reject a body with unknown ones, like every other route.
void expect_no_fields(const http::Request& req) {
  if (req.body.empty()) return;
  core::JsonInput::parse(req.body).finish();
}

http::Response sign_in(AuthServices& s, http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  Credentials credentials;
  credentials.email = trimmed(in.required_string("email", kEmailRule));
  credentials.password = in.required_string("password", kPasswordRule);
  credentials.second_factor.totp = in.optional_string("totp", kCodeRule);
  credentials.second_factor.recovery_code = in.optional_string("recoveryCode", kCodeRule);
  in.finish();
  try {
    return session_response(s.auth.sign_in(req.actor(), credentials));
  } catch (const core::Error& e) {
    if (e.status() != 429) throw;
    auto res = http::error_json(e, req.request_id);
    res.headers.set("Retry-After", std::to_string(e.details().value("retryAfterSeconds", 1)));
    return res;
  }
}

http::Response refresh(AuthServices& s, http::Request& req) {
  expect_no_fields(req);
  try {
    return session_response(s.sessions.refresh(req.actor(), cookie_value(req, kRefreshCookie)));
  } catch (const core::Error& e) {
    // A dead token is dropped from the browser, so it stops being sent.
    auto res = http::error_json(e, req.request_id);
    res.headers.add("Set-Cookie", cleared_refresh_cookie());
    return res;
  }
}

}  // namespace

void mount_auth_routes(http::Router& router, AccountsContext& ctx) {
  auto s = std::make_shared<AuthServices>(ctx);
  auto auth = router.group("/api/v1/auth");

  auth.post("/login", [s](http::Request& req) { return sign_in(*s, req); })
      .open()
      .blocking()
      .body_limit(kBodyLimit);

  auth.post("/refresh", [s](http::Request& req) { return refresh(*s, req); }).open().body_limit(kBodyLimit);

  auth.post("/logout",
            [s](http::Request& req) {
              expect_no_fields(req);
              s->sessions.sign_out(req.actor(), cookie_value(req, kRefreshCookie));
              auto res = http::Response::no_content();
              res.headers.add("Set-Cookie", cleared_refresh_cookie());
              return res;
            })
      .open()
      .body_limit(kBodyLimit);

  auth.post("/logout-all",
            [s](http::Request& req) {
              expect_no_fields(req);
              s->sessions.sign_out_everywhere(req.actor());
              auto res = http::Response::no_content();
              res.headers.add("Set-Cookie", cleared_refresh_cookie());
              return res;
            })
      .permission(std::string(kSelfPermission))
      .body_limit(kBodyLimit);

  auth.post("/password",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto current = in.required_string("currentPassword", kPasswordRule);
              const auto next = in.required_string("newPassword", kPasswordRule);
              in.finish();
              s->passwords.change(req.actor(), current, next);
              return http::Response::no_content();
            })
      .permission(std::string(kSelfPermission))
      .blocking()
      .body_limit(kBodyLimit);

  auth.post("/2fa/enroll",
            [s](http::Request& req) {
              expect_no_fields(req);
              const auto e = s->totp.enroll(req.actor());
              return http::Response::json(200, {{"secret", e.secret}, {"otpauthUri", e.otpauth_uri}});
            })
      .permission(std::string(kSelfPermission))
      .body_limit(kBodyLimit);

  auth.post("/2fa/confirm",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto code = in.required_string("code", kCodeRule);
              in.finish();
              return http::Response::json(200, {{"recoveryCodes", s->totp.confirm(req.actor(), code)}});
            })
      .permission(std::string(kSelfPermission))
      .body_limit(kBodyLimit);

  auth.post("/2fa/disable",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto password = in.required_string("password", kPasswordRule);
              const auto code = in.required_string("code", kCodeRule);
              in.finish();
              s->totp.disable(req.actor(), password, code);
              return http::Response::no_content();
            })
      .permission(std::string(kSelfPermission))
      .blocking()
      .body_limit(kBodyLimit);

  auth.post("/2fa/recovery-codes",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto code = in.required_string("code", kCodeRule);
              in.finish();
              return http::Response::json(
                  200, {{"recoveryCodes", s->totp.regenerate_recovery_codes(req.actor(), code)}});
            })
      .permission(std::string(kSelfPermission))
      .body_limit(kBodyLimit);
}

}  // namespace cove::accounts
