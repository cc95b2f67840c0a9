// /api/v1/platform/operators and operator password resets (permission platform:operators).
#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/route_input.hpp"

namespace cove::accounts {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;
constexpr const char* kPermission = "platform:operators";

// ?role= and ?status= filters; anything else is a 400 rather than an empty list.
std::optional<std::string> filter(const http::Request& req, const char* name,
                                  std::initializer_list<std::string_view> allowed,
                                  core::FieldErrors& errors) {
  auto value = req.query_param(name);
  if (!value) return std::nullopt;
  for (auto a : allowed) {
    if (*value == a) return value;
  }
  errors.add(name, "invalid", "Not one of the allowed values");
  return std::nullopt;
}

}  // namespace

void mount_operator_routes(http::Router& router, AccountsServices& services) {
  auto& operators = services.operators;
  auto platform = router.group("/api/v1/platform");

  platform
      .get("/operators",
           [&operators](http::Request& req) {
             core::FieldErrors errors;
             const auto role = filter(req, "role", {"platform_admin", "platform_reviewer"}, errors);
             const auto status = filter(req, "status", {"active", "disabled"}, errors);
             errors.throw_if_any();
             const auto page = http::read_page_request(req);
             return http::Response::json(200, http::page_json(
                                                  operators.list(role, status, page), page,
                                                  [](const User& u) {
                                                    return core::PageKey{u.created_ms, u.id};
                                                  },
                                                  [](const User& u) { return to_public_json(u); }));
           })
      .permission(kPermission);

  platform
      .post("/operators",
            [&operators](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              NewOperator op;
              op.email = in.required_string("email", {.min_chars = 1, .max_chars = 254});
              op.name = in.required_string("name", {.min_chars = 1, .max_chars = 100});
              op.role =
                  in.optional_string("role", {.min_chars = 1, .max_chars = 32}).value_or("platform_admin");
              op.password = in.optional_string("password", {.min_chars = 1, .max_chars = kMaxPasswordBytes});
              in.finish();
              const auto created = operators.create(req.actor(), op);
              nlohmann::json body = {{"user", to_public_json(created.user)}};
              if (created.temporary_password) body["temporaryPassword"] = *created.temporary_password;
              return http::Response::json(201, body);
            })
      .permission(kPermission)
      .blocking()
      .body_limit(kBodyLimit);

  platform
      .patch("/operators/{userId}",
             [&operators](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               OperatorChange change;
               change.role = in.optional_string("role", {.min_chars = 1, .max_chars = 32});
               change.status = in.optional_string("status", {.min_chars = 1, .max_chars = 32});
               if (!in.has("role") && !in.has("status"))
                 in.add_error("role", "required", "Give a role, a status or both");
               in.finish();
               return http::Response::json(
                   200, to_public_json(operators.update(req.actor(), req.param("userId"), change)));
             })
      .permission(kPermission)
      .body_limit(kBodyLimit);

  platform
      .del("/operators/{userId}",
           [&operators](http::Request& req) {
             operators.remove(req.actor(), req.param("userId"));
             return http::Response::no_content();
           })
      .permission(kPermission);

  platform
      .post("/users/{userId}/reset-password",
            [&passwords = services.passwords](http::Request& req) {
              expect_no_fields(req);
              const auto temporary = passwords.reset(req.actor(), req.param("userId"));
              return http::Response::json(200,
                                          {{"temporaryPassword", temporary}, {"mustChangePassword", true}});
            })
      .permission(kPermission)
      .blocking()
      .body_limit(kBodyLimit);
}

}  // namespace cove::accounts
