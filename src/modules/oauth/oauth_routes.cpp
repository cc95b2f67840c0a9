// The OAuth 2 endpoints (issue 20). They answer errors in RFC 6749 form ({"error",
// "error_description"}), which OAuth client libraries read; the wrapper below is the one place
// that writes them. Token responses are never cached (RFC 6749 §5.1).
#include "modules/oauth/oauth_routes.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "modules/oauth/form_body.hpp"
#include "modules/oauth/scope_catalog.hpp"

namespace cove::oauth {

namespace {

constexpr std::size_t kFormLimit = 16 * 1024;

bool valid_host(std::string_view host) {
  return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
}

http::Response no_store(http::Response res) {
  res.headers.set("Cache-Control", "no-store");
  res.headers.set("Pragma", "no-cache");
  return res;
}

http::Response error_json(int status, const std::string& error, const std::string& description,
                          const std::string& cove_code = "") {
  nlohmann::json body = {{"error", error}, {"error_description", description}};
  if (!cove_code.empty()) body["code"] = cove_code;
  auto res = no_store(http::Response::json(status, body));
  if (status == 401 && error == "invalid_client") res.headers.set("WWW-Authenticate", R"(Basic realm="cove")");
  if (error == "invalid_token") {
    res.headers.set("WWW-Authenticate", fmt::format(R"(Bearer error="invalid_token", error_description="{}")",
                                                    description));
  }
  return res;
}

// Shared code (SDK signatures, limits) throws core::Error: the same facts in RFC 6749 form.
http::Response core_error_json(const core::Error& e) {
  const auto status = e.status();
  const char* error = status == 401 || status == 403 ? "access_denied"
                      : status >= 500               ? (status == 503 ? "temporarily_unavailable" : "server_error")
                                                    : "invalid_request";
  return error_json(status, error, e.message(), e.code());
}

template <class F>
http::Handler oauth_handler(F f) {
  return [f](http::Request& req) -> http::Response {
    try {
      return f(req);
    } catch (const OAuthError& e) {
      return error_json(e.status(), e.error(), e.description());
    } catch (const core::Error& e) {
      return core_error_json(e);
    }
  };
}

std::string with_params(const std::string& uri, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out = uri;
  char sep = uri.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    out += sep;
    out += k + "=" + http::percent_encode(v);
    sep = '&';
  }
  return out;
}

bool wants_json(const http::Request& req) {
  const auto accept = req.headers.get("Accept");
  return accept && accept->find("application/json") != std::string_view::npos;
}

FormBody read_form(const http::Request& req) {
  const auto type = req.headers.get("Content-Type").value_or("");
  if (!type.starts_with("application/x-www-form-urlencoded")) {
    throw invalid_request("Send the parameters as application/x-www-form-urlencoded");
  }
  FormBody form;
  std::string repeated;
  switch (parse_form(req.body, form, repeated)) {
    case FormError::kNone:
      return form;
    case FormError::kRepeated:
      throw invalid_request(fmt::format("Parameter {} is sent more than once", repeated.substr(0, 40)));
    case FormError::kTooMany:
      throw invalid_request("Too many parameters");
    case FormError::kMalformed:
      break;
  }
  throw invalid_request("The form body is not valid application/x-www-form-urlencoded");
}

struct ClientCredentials {
  std::string id, secret;
};

// client_secret_basic (RFC 6749 §2.3.1: each half form-urlencoded, then Basic) or
// client_secret_post; one method per request.
ClientCredentials read_client(const http::Request& req, const FormBody& form) {
  const auto auth = req.headers.get("Authorization");
  const auto body_id = form.get("client_id");
  const auto body_secret = form.get("client_secret");
  if (auth && auth->size() > 6 && http::iequals(auth->substr(0, 6), "Basic ")) {
    if (body_secret) throw invalid_request("Use one client authentication method, not Basic and client_secret");
    std::string decoded;
    try {
      const auto b64 = std::string(auth->substr(6));
      std::string url = b64;
      std::replace(url.begin(), url.end(), '+', '-');
      std::replace(url.begin(), url.end(), '/', '_');
      while (!url.empty() && url.back() == '=') url.pop_back();
      decoded = core::crypto::from_base64url(url);
    } catch (const std::exception&) {
      throw invalid_client("The Basic credentials are not base64");
    }
    const auto colon = decoded.find(':');
    ClientCredentials c;
    if (colon == std::string::npos || !http::percent_decode(decoded.substr(0, colon), c.id, true) ||
        !http::percent_decode(decoded.substr(colon + 1), c.secret, true)) {
      throw invalid_client("The Basic credentials must be client_id:client_secret");
    }
    if (body_id && *body_id != c.id) throw invalid_request("client_id differs from the Basic credentials");
    return c;
  }
  if (!body_id || !body_secret) {
    throw invalid_client("Authenticate the client: HTTP Basic or client_id and client_secret in the body");
  }
  return {*body_id, *body_secret};
}

std::string bearer_token(const http::Request& req, const FormBody* form) {
  if (const auto auth = req.headers.get("Authorization"); auth && auth->size() > 7 && http::iequals(auth->substr(0, 7), "Bearer ")) {
    return std::string(auth->substr(7));
  }
  if (form != nullptr) {
    if (const auto t = form->get("access_token")) return *t;
  }
  throw invalid_token("Send the access token: Authorization: Bearer <token>");
}

nlohmann::json token_json(const TokenAnswer& a) {
  return {{"access_token", a.access_token}, {"token_type", "Bearer"},  {"expires_in", a.expires_in},
          {"refresh_token", a.refresh_token}, {"scope", a.scope}};
}

AuthorizeInput read_authorize(const http::Request& req) {
  AuthorizeInput in;
  std::vector<std::string> seen;
  for (const auto& [k, v] : req.query_params()) {
    // RFC 6749 §3.1: parameters must not be repeated.
    if (std::find(seen.begin(), seen.end(), k) != seen.end()) {
      throw invalid_request(fmt::format("Parameter {} is sent more than once", k.substr(0, 40)));
    }
    seen.push_back(k);
    if (k == "response_type") in.response_type = v;
    if (k == "client_id") in.client_id = v;
    if (k == "redirect_uri") in.redirect_uri = v;
    if (k == "scope") in.scope = v;
    if (k == "state") in.state = v;
    if (k == "code_challenge") in.code_challenge = v;
    if (k == "code_challenge_method") in.code_challenge_method = v;
  }
  return in;
}

}  // namespace

std::string issuer_of(const OauthServices& s, const http::Request& req) {
  if (!s.public_url.empty()) {
    auto url = s.public_url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
  }
  const auto host = req.headers.get("Host");
  if (!host || !valid_host(*host)) throw invalid_request("Send a Host header (or configure http.publicUrl)");
  return (req.secure ? "https://" : "http://") + std::string(*host);
}

void mount_oauth_endpoints(http::Router& router, const OauthServices& s) {
  auto oauth = router.group("/oauth");

  oauth
      .get("/authorize", oauth_handler([&s](http::Request& req) {
             const auto user_header = req.headers.get("X-Cove-User");
             if (!user_header || user_header->empty()) {
               throw invalid_request("The host app vouches for its user: X-Cove-User, covered by the signature");
             }
             // The signed string gains "\n" + X-Cove-User (DESIGN.md §4.1).
             const auto host = s.apps.sdk_auth().verify(req, {*user_header});
             const auto user = parse_vouched_user(*user_header);
             const auto in = read_authorize(req);
             try {
               const auto issued = s.flow.authorize(host->id, user, in);
               if (wants_json(req)) {
                 nlohmann::json body = {{"code", issued.code}, {"redirectUri", issued.redirect_uri}};
                 body["state"] = issued.state.empty() ? nlohmann::json(nullptr) : nlohmann::json(issued.state);
                 return no_store(http::Response::json(200, body));
               }
               auto res = no_store(http::Response::empty(302));
               res.headers.set("Location",
                               with_params(issued.redirect_uri, {{"code", issued.code}, {"state", issued.state}}));
               return res;
             } catch (const RedirectableError& e) {
               if (wants_json(req)) throw;
               auto res = no_store(http::Response::empty(302));
               res.headers.set("Location", with_params(e.redirect_uri(), {{"error", e.error()},
                                                                           {"error_description", e.description()},
                                                                           {"state", e.state()}}));
               return res;
             }
           }))
      .open();

  oauth
      .post("/token", oauth_handler([&s](http::Request& req) {
              const auto form = read_form(req);
              const auto creds = read_client(req, form);
              const auto client = s.clients.authenticate(creds.id, creds.secret);
              const auto grant_type = form.get("grant_type").value_or("");
              const auto issuer = issuer_of(s, req);
              if (grant_type == "authorization_code") {
                return no_store(http::Response::json(
                    200, token_json(s.flow.exchange_code(client, issuer, form.get("code").value_or(""),
                                                         form.get("redirect_uri").value_or(""),
                                                         form.get("code_verifier").value_or("")))));
              }
              if (grant_type == "refresh_token") {
                return no_store(http::Response::json(
                    200, token_json(s.flow.refresh(client, issuer, form.get("refresh_token").value_or(""),
                                                   form.get("scope")))));
              }
              if (grant_type.empty()) throw invalid_request("grant_type is required");
              throw OAuthError(400, "unsupported_grant_type", "grant_type: authorization_code or refresh_token");
            }))
      .open()
      .body_limit(kFormLimit);

  oauth
      .post("/revoke", oauth_handler([&s](http::Request& req) {
              const auto form = read_form(req);
              const auto creds = read_client(req, form);
              const auto client = s.clients.authenticate(creds.id, creds.secret);
              s.flow.revoke(client, form.get("token").value_or(""));
              return no_store(http::Response::empty(200));
            }))
      .open()
      .body_limit(kFormLimit);

  oauth
      .post("/introspect", oauth_handler([&s](http::Request& req) {
              const auto form = read_form(req);
              const auto creds = read_client(req, form);
              const auto client = s.clients.authenticate(creds.id, creds.secret);
              return no_store(http::Response::json(200, s.flow.introspect(client, form.get("token").value_or(""))));
            }))
      .open()
      .body_limit(kFormLimit);

  const auto userinfo = oauth_handler([&s](http::Request& req) {
    std::optional<FormBody> form;
    if (req.method == http::Method::kPost && !req.body.empty()) form = read_form(req);
    const auto info = s.flow.check_access_token(bearer_token(req, form ? &*form : nullptr));
    return no_store(http::Response::json(200, FlowService::userinfo(info)));
  });
  oauth.get("/userinfo", userinfo).open();
  oauth.post("/userinfo", userinfo).open().body_limit(kFormLimit);

  oauth
      .get("/jwks.json",
           [&s](http::Request&) {
             auto res = http::Response::json(200, s.keys.jwks());
             res.headers.set("Content-Type", "application/jwk-set+json");
             // Short: a rotation must reach verifiers well within an access token's life.
             res.headers.set("Cache-Control", "public, max-age=300");
             return res;
           })
      .open();

  router.group("/.well-known")
      .get("/oauth-authorization-server",
           oauth_handler([&s](http::Request& req) {
             const auto iss = issuer_of(s, req);
             auto scopes = nlohmann::json::array();
             for (const auto& sc : scope_catalog()) scopes.push_back(sc.name);
             auto res = http::Response::json(
                 200, {{"issuer", iss},
                       {"authorization_endpoint", iss + "/oauth/authorize"},
                       {"token_endpoint", iss + "/oauth/token"},
                       {"jwks_uri", iss + "/oauth/jwks.json"},
                       {"userinfo_endpoint", iss + "/oauth/userinfo"},
                       {"revocation_endpoint", iss + "/oauth/revoke"},
                       {"introspection_endpoint", iss + "/oauth/introspect"},
                       {"scopes_supported", scopes},
                       {"response_types_supported", {"code"}},
                       {"grant_types_supported", {"authorization_code", "refresh_token"}},
                       {"code_challenge_methods_supported", {"S256"}},
                       {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
                       {"revocation_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
                       {"introspection_endpoint_auth_methods_supported",
                        {"client_secret_basic", "client_secret_post"}}});
             res.headers.set("Cache-Control", "public, max-age=3600");
             return res;
           }))
      .open();
}

}  // namespace cove::oauth
