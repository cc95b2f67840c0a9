// /api/v1/me: the signed-in user's profile, organisations and sessions. Every route is "self",
// so it stays usable while a restriction (password change, 2FA enrolment) blocks the rest.
#include "core/json_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/profile_service.hpp"
#include "modules/accounts/session_service.hpp"
#include "http/query_input.hpp"
#include "http/list_response.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr core::StringRule kNameRule{.min_chars = 1, .max_chars = 100};

struct MeServices {
  explicit MeServices(AccountsContext& ctx) : profile(ctx), sessions(ctx) {}
  ProfileService profile;
  SessionService sessions;
};

}  // namespace

void mount_me_routes(http::Router& router, AccountsContext& ctx) {
  auto s = std::make_shared<MeServices>(ctx);
  auto me = router.group("/api/v1/me");
  const std::string self(kSelfPermission);

  me.get("", [s](http::Request& req) {
      return http::Response::json(200, s->profile.describe(*req.principal));
    }).permission(self);

  me.patch("",
           [s](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             const auto name = in.optional_string("name", kNameRule);
             in.finish();
             if (name) s->profile.rename(req.actor(), *name);
             return http::Response::json(200, s->profile.describe(*req.principal));
           })
      .permission(self)
      .body_limit(kBodyLimit);

  me.get("/sessions", [s](http::Request& req) {
      const auto page = http::read_page_request(req);
      const auto& current = req.principal->session_id;
      return http::Response::json(200, http::page_json(
                                           s->sessions.list(req.principal->id, page), page,
                                           [](const Session& x) {
                                             return core::PageKey{x.created_ms, x.id};
                                           },
                                           [&current](const Session& x) { return to_json(x, current); }));
    }).permission(self);

  me.del("/sessions/{sessionId}", [s](http::Request& req) {
      s->sessions.revoke_own(req.actor(), req.param("sessionId"));
      return http::Response::no_content();
    }).permission(self);
}

}  // namespace cove::accounts
