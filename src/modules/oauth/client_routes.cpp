// OAuth settings in the console (issue 20): the organisation's client configuration and secret,
// the operators' allowed scopes per mini-program and the signing keys.
#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/json_input.hpp"
#include "modules/oauth/oauth_routes.hpp"
#include "modules/oauth/scope_catalog.hpp"

namespace cove::oauth {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;

std::vector<std::string> string_list(core::JsonInput& in, const char* name, std::size_t max_items,
                                     std::size_t max_chars) {
  const auto* v = in.take(name);
  std::vector<std::string> out;
  if (v == nullptr) {
    in.add_error(in.field_name(name), "required", "Required");
    return out;
  }
  if (!v->is_array()) {
    in.add_error(in.field_name(name), "invalid_type", "An array of strings");
    return out;
  }
  if (v->size() > max_items) {
    in.add_error(in.field_name(name), "too_many", fmt::format("At most {} entries", max_items));
    return out;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto path = fmt::format("{}[{}]", in.field_name(name), i);
    if (!(*v)[i].is_string()) {
      in.add_error(path, "invalid_type", "A string");
      continue;
    }
    const auto text = (*v)[i].get<std::string>();
    if (text.empty() || text.size() > max_chars) {
      in.add_error(path, text.empty() ? "required" : "too_long", fmt::format("1 to {} characters", max_chars));
      continue;
    }
    out.push_back(text);
  }
  return out;
}

nlohmann::json client_json(const Client& c, std::int64_t active) {
  auto scopes = nlohmann::json::array();
  for (const auto& s : c.scopes) {
    const bool allowed = std::find(c.allowed_scopes.begin(), c.allowed_scopes.end(), s) != c.allowed_scopes.end();
    scopes.push_back({{"scope", s}, {"allowed", allowed}});
  }
  return {{"appId", c.app_id},
          {"enabled", c.enabled},
          {"redirectUris", c.redirect_uris},
          {"scopes", c.scopes},
          {"allowedScopes", c.allowed_scopes},
          {"hasSecret", !c.secret_hash.empty()},
          {"secretCreatedAt", c.secret_created_ms ? nlohmann::json(core::format_rfc3339_millis(c.secret_created_ms))
                                                  : nlohmann::json(nullptr)},
          {"activeAuthorizations", active}};
}

nlohmann::json key_json(const SigningKey& k) {
  return {{"kid", k.kid},
          {"alg", "ES256"},
          {"createdAt", core::format_rfc3339_millis(k.created_ms)},
          {"retiredAt", k.retired_ms ? nlohmann::json(core::format_rfc3339_millis(k.retired_ms)) : nlohmann::json(nullptr)},
          {"current", k.retired_ms == 0}};
}

}  // namespace

void mount_client_routes(http::Router& router, const OauthServices& s) {
  auto apps = router.group("/api/v1/apps");
  ClientService* clients = &s.clients;
  apps.get("/{appId}/oauth",
           [clients](http::Request& req) {
             const auto c = clients->get(req.org_id, req.param("appId"));
             return http::Response::json(200, client_json(c, clients->active_authorizations(c.app_id)));
           })
      .permission("apps:read");
  apps.put("/{appId}/oauth",
           [clients](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             ClientSettings settings;
             const auto enabled = in.optional_bool("enabled");
             if (!enabled) in.add_error("enabled", "required", "true or false");
             settings.enabled = enabled.value_or(false);
             settings.redirect_uris = string_list(in, "redirectUris", kMaxRedirectUris, kMaxRedirectUriChars);
             settings.scopes = string_list(in, "scopes", scope_catalog().size(), 40);
             in.finish();
             const auto c = clients->update(req.actor(), req.org_id, req.param("appId"), settings);
             return http::Response::json(200, client_json(c, clients->active_authorizations(c.app_id)));
           })
      .permission("apps:write")
      .body_limit(kBodyLimit);
  apps.post("/{appId}/oauth/secret",
            [clients](http::Request& req) {
              core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body)).finish();
              const auto secret = clients->rotate_secret(req.actor(), req.org_id, req.param("appId"));
              return http::Response::json(201, {{"clientId", req.param("appId")}, {"clientSecret", secret}});
            })
      .permission("apps:write");

  auto platform = router.group("/api/v1/platform");
  platform
      .get("/apps/{appId}/oauth-scopes",
           [clients](http::Request& req) {
             const auto c = clients->get_any(req.param("appId"));
             return http::Response::json(200, {{"appId", c.app_id}, {"scopes", c.allowed_scopes},
                                               {"requestedScopes", c.scopes}, {"enabled", c.enabled}});
           })
      .permission("platform:read");
  platform
      .put("/apps/{appId}/oauth-scopes",
           [clients](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             const auto scopes = string_list(in, "scopes", scope_catalog().size(), 40);
             in.finish();
             const auto c = clients->set_allowed_scopes(req.actor(), req.param("appId"), scopes);
             return http::Response::json(200, {{"appId", c.app_id}, {"scopes", c.allowed_scopes},
                                               {"requestedScopes", c.scopes}, {"enabled", c.enabled}});
           })
      .permission("platform:review")  // scope approval is part of reviewing a mini-program
      .body_limit(kBodyLimit);

  KeyRing* keys = &s.keys;
  platform
      .get("/oauth/signing-keys",
           [keys](http::Request&) {
             auto items = nlohmann::json::array();
             for (const auto& k : keys->current()->keys) items.push_back(key_json(k));
             return http::Response::json(200, {{"items", items}});
           })
      .permission("platform:read");
  platform
      .post("/oauth/signing-keys",
            [keys](http::Request& req) {
              core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body)).finish();
              return http::Response::json(201, key_json(keys->rotate(req.actor())));
            })
      .permission("platform:settings");
}

}  // namespace cove::oauth
