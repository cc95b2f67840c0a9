// The first-run setup link (setup_link.hpp): GET /api/v1/setup tells the console whether the link
// can still be used; POST /api/v1/setup creates the first platform admin with it, once. Both are
// open: the token is the credential, and the per-IP rate limit of /api/ bounds guessing (a token
// has 256 random bits).
#include "core/json_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/password_policy.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;

core::Error not_available() {
  return core::Error::not_found(
      "setup.not_available", "This platform is set up already; sign in, or ask an operator for an account");
}

}  // namespace

void mount_setup_routes(http::Router& router, AccountsServices& services) {
  auto& operators = services.operators;
  auto& link = services.setup;
  auto setup = router.group("/api/v1/setup");

  setup
      .get("",
           [&link, &operators](http::Request&) {
             const bool available = link.pending() && !operators.has_active_admin();
             return http::Response::json(200, {{"available", available}});
           })
      .open();

  setup
      .post("",
            [&link, &operators](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto token = in.required_string("token", {.min_chars = 1, .max_chars = 128});
              NewOperator op;
              op.email = in.required_string("email", {.min_chars = 1, .max_chars = 254});
              op.name = in.required_string("name", {.min_chars = 1, .max_chars = 100});
              op.password = in.required_string("password", {.min_chars = 1, .max_chars = kMaxPasswordBytes});
              op.role = "platform_admin";
              op.must_change_password = false;  // they chose it themselves, just now
              in.finish();
              if (!link.pending() || operators.has_active_admin()) throw not_available();
              auto actor = req.actor();
              actor.principal = core::Principal::system("setup-link");
              std::optional<CreatedOperator> created;
              if (!link.redeem(token, [&] { created = operators.create(actor, op); })) {
                throw core::Error(403, "setup.invalid_token",
                                  "This setup link is not valid: copy the whole link from the server's log");
              }
              return http::Response::json(201, to_public_json(created->user));
            })
      .open()
      .body_limit(kBodyLimit)
      .blocking();
}

}  // namespace cove::accounts
