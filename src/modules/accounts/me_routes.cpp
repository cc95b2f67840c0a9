// /api/v1/me: the signed-in user's profile, organisations and sessions. Every route is "self",
// so it stays usable while a restriction (password change, 2FA enrolment) blocks the rest.
#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr core::StringRule kNameRule{.min_chars = 1, .max_chars = 100};

}  // namespace

void mount_me_routes(http::Router& router, AccountsServices& services) {
  auto& profile = services.profile;
  auto& sessions = services.sessions;
  auto me = router.group("/api/v1/me");
  const std::string self(kSelfPermission);

  me.get("", [&profile](http::Request& req) {
      return http::Response::json(200, profile.describe(*req.principal));
    }).permission(self);

  me.patch("",
           [&profile](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             const auto name = in.optional_string("name", kNameRule);
             in.finish();
             if (name) profile.rename(req.actor(), *name);
             return http::Response::json(200, profile.describe(*req.principal));
           })
      .permission(self)
      .body_limit(kBodyLimit);

  me.get("/sessions", [&sessions](http::Request& req) {
      const auto page = http::read_page_request(req);
      const auto& current = req.principal->session_id;
      return http::Response::json(200, http::page_json(
                                           sessions.list(req.principal->id, page), page,
                                           [](const Session& x) {
                                             return core::PageKey{x.created_ms, x.id};
                                           },
                                           [&current](const Session& x) { return to_json(x, current); }));
    }).permission(self);

  me.del("/sessions/{sessionId}", [&sessions](http::Request& req) {
      sessions.revoke_own(req.actor(), req.param("sessionId"));
      return http::Response::no_content();
    }).permission(self);
}

}  // namespace cove::accounts
