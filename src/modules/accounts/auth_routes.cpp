// /api/v1/auth: sign-in, refresh, sign-out, password change and two-factor set-up. The refresh
// token only ever travels in the `cove_refresh` cookie (HttpOnly, so page scripts cannot read it;
// SameSite=Strict and scoped to /api/v1/auth, so no other request carries it).
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/errors.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/route_input.hpp"

namespace cove::accounts {

namespace {

constexpr std::string_view kRefreshCookie = "cove_refresh";
constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr core::StringRule kEmailRule{.min_chars = 1, .max_chars = 254};
constexpr core::StringRule kPasswordRule{.min_chars = 1, .max_chars = kMaxPasswordBytes};
constexpr core::StringRule kCodeRule{.min_chars = 1, .max_chars = 32};

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

// Sign-out answers clear the refresh cookie.
http::Response signed_out() {
  auto res = http::Response::no_content();
  res.headers.add("Set-Cookie", cleared_refresh_cookie());
  return res;
}

// {code}: a current authenticator code or a recovery code.
std::string read_code(const http::Request& req) { return read_only_field(req, "code", kCodeRule); }

http::Response sign_in(AuthService& auth, http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  Credentials credentials;
  credentials.email = trimmed(in.required_string("email", kEmailRule));
  credentials.password = in.required_string("password", kPasswordRule);
  credentials.second_factor.totp = in.optional_string("totp", kCodeRule);
  credentials.second_factor.recovery_code = in.optional_string("recoveryCode", kCodeRule);
  in.finish();
  try {
    return session_response(auth.sign_in(req.actor(), credentials));
  } catch (const core::Error& e) {
    if (e.status() != 429) throw;
    auto res = http::error_json(e, req.request_id);
    res.headers.set("Retry-After", std::to_string(e.details().value("retryAfterSeconds", 1)));
    return res;
  }
}

http::Response refresh(SessionService& sessions, http::Request& req) {
  expect_no_fields(req);
  try {
    return session_response(sessions.refresh(req.actor(), cookie_value(req, kRefreshCookie)));
  } catch (const core::Error& e) {
    // A dead token is dropped from the browser, so it stops being sent.
    auto res = http::error_json(e, req.request_id);
    res.headers.add("Set-Cookie", cleared_refresh_cookie());
    return res;
  }
}

}  // namespace

void mount_auth_routes(http::Router& router, AccountsServices& services) {
  auto& sessions = services.sessions;
  auto& totp = services.totp;
  auto auth = router.group("/api/v1/auth");
  // What the signed-in user does to their own account.
  const auto self_post = [&auth](std::string_view path, http::Handler handler) {
    return auth.post(path, std::move(handler)).permission(std::string(kSelfPermission)).body_limit(kBodyLimit);
  };

  auth.post("/login", [&auth_service = services.auth](http::Request& req) { return sign_in(auth_service, req); })
      .open()
      .blocking()
      .body_limit(kBodyLimit);

  auth.post("/refresh", [&sessions](http::Request& req) { return refresh(sessions, req); })
      .open()
      .body_limit(kBodyLimit);

  auth.post("/logout",
            [&sessions](http::Request& req) {
              expect_no_fields(req);
              sessions.sign_out(req.actor(), cookie_value(req, kRefreshCookie));
              return signed_out();
            })
      .open()
      .body_limit(kBodyLimit);

  self_post("/logout-all", [&sessions](http::Request& req) {
    expect_no_fields(req);
    sessions.sign_out_everywhere(req.actor());
    return signed_out();
  });

  self_post("/password",
            [&passwords = services.passwords](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto current = in.required_string("currentPassword", kPasswordRule);
              const auto next = in.required_string("newPassword", kPasswordRule);
              in.finish();
              passwords.change(req.actor(), current, next);
              return http::Response::no_content();
            })
      .blocking();

  self_post("/2fa/enroll", [&totp](http::Request& req) {
    expect_no_fields(req);
    const auto e = totp.enroll(req.actor());
    return http::Response::json(200, {{"secret", e.secret}, {"otpauthUri", e.otpauth_uri}});
  });

  self_post("/2fa/confirm", [&totp](http::Request& req) {
    const auto code = read_code(req);
    return http::Response::json(200, {{"recoveryCodes", totp.confirm(req.actor(), code)}});
  });

  self_post("/2fa/disable",
            [&totp](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto password = in.required_string("password", kPasswordRule);
              const auto code = in.required_string("code", kCodeRule);
              in.finish();
              totp.disable(req.actor(), password, code);
              return http::Response::no_content();
            })
      .blocking();

  self_post("/2fa/recovery-codes", [&totp](http::Request& req) {
    const auto code = read_code(req);
    return http::Response::json(200, {{"recoveryCodes", totp.regenerate_recovery_codes(req.actor(), code)}});
  });
}

}  // namespace cove::accounts
