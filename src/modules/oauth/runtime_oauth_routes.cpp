// What the host app's SDK calls around OAuth (issue 20), signed like every runtime request: the
// scope texts for its consent sheet, and its user's authorizations (list and revoke). Errors are
// the runtime API's ({"code", …}); the OAuth endpoints themselves answer RFC 6749 errors.
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/error.hpp"
#include "http/query_input.hpp"
#include "modules/oauth/client_repo.hpp"
#include "modules/oauth/oauth_routes.hpp"
#include "modules/oauth/scope_catalog.hpp"

namespace cove::oauth {

namespace {

std::string required_query(http::QueryInput& q, const char* name, std::size_t max_chars) {
  auto v = q.optional_string(name, {.min_chars = 1, .max_chars = max_chars});
  if (!v) {
    q.add_error(name, "required", "Required");
    return "";
  }
  return *v;
}

nlohmann::json time_or_null(std::int64_t ms) {
  return ms ? nlohmann::json(core::format_rfc3339_millis(ms)) : nlohmann::json(nullptr);
}

}  // namespace

void mount_runtime_oauth_routes(http::Router& router, const OauthServices& s) {
  auto runtime = router.group("/runtime/v1/oauth");

  // The consent sheet's texts: the scopes this mini-program may request, in zh-CN and en-US.
  runtime
      .get("/scopes",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             http::QueryInput q(req);
             const auto app_id = required_query(q, "appId", 64);
             q.finish();
             return s.clients.with_client_of_host(host->id, app_id, [&](const Client& c) {
               auto items = nlohmann::json::array();
               for (const auto& name : c.grantable_scopes()) {
                 const auto* info = find_scope(name);
                 if (info == nullptr) continue;
                 items.push_back({{"scope", info->name},
                                  {"description", {{"zh-CN", info->zh_cn}, {"en-US", info->en_us}}}});
               }
               return http::Response::json(200, {{"appId", c.app_id}, {"enabled", c.enabled}, {"scopes", items}});
             });
           })
      .open();

  runtime
      .get("/authorizations",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             http::QueryInput q(req);
             const auto uid = required_query(q, "uid", 128);
             q.finish();
             auto items = nlohmann::json::array();
             for (const auto& a : s.flow.authorizations(host->id, uid)) {
               items.push_back({{"appId", a.app_id},
                                {"appName", s.clients.app_name(a.app_id)},
                                {"scopes", a.scopes},
                                {"createdAt", time_or_null(a.created_ms)},
                                {"updatedAt", time_or_null(a.updated_ms)},
                                {"lastUsedAt", time_or_null(a.last_used_ms)}});
             }
             return http::Response::json(200, {{"items", items}});
           })
      .open();

  // Revokes at once: refresh tokens stop working now, access tokens at their next introspection
  // or userinfo call (and expire within their short life anyway).
  runtime
      .del("/authorizations",
           [&s](http::Request& req) {
             const auto host = s.apps.sdk_auth().verify(req);
             http::QueryInput q(req);
             const auto uid = required_query(q, "uid", 128);
             const auto app_id = q.optional_string("appId", {.min_chars = 1, .max_chars = 64}).value_or("");
             q.finish();
             return http::Response::json(200, {{"revoked", s.flow.revoke_authorizations(host->id, uid, app_id)}});
           })
      .open();
}

}  // namespace cove::oauth
