// Organisation members (issue 3 "Members"); invitations are in invitation_routes.cpp.
#include "core/field_rules.hpp"
#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/org_model.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/route_input.hpp"

namespace cove::accounts {

namespace {

// A role field: one of the organisation roles, else a field error.
std::string read_role(core::JsonInput& in) {
  auto role = in.required_string("role", {.min_chars = 1, .max_chars = 20});
  if (!role.empty() && !modules::PermissionRegistry::is_org_role(role)) {
    in.add_error("role", "invalid", "Use owner, admin, developer or viewer");
  }
  return role;
}

NewMember read_new_member(core::JsonInput& in) {
  NewMember m;
  m.email = core::read_email(in, "email", true).value_or("");
  m.name = in.required_string("name", kPersonNameRule);
  m.role = read_role(in);
  m.initial_password =
      in.required_string("initialPassword", {.min_chars = 1, .max_chars = kMaxPasswordBytes});
  in.finish();
  return m;
}

}  // namespace

void mount_member_routes(http::Router& router, AccountsServices& services) {
  auto& service = services.members;
  auto members = router.group("/api/v1/orgs/{orgId}/members");

  members
      .get("",
           [&service](http::Request& req) {
             const auto role =
                 query_choice(req, "role", modules::kOrgRoles, "Use owner, admin, developer or viewer");
             const auto page = http::read_page_request(req);
             return http::Response::json(200, http::page_json(
                                                  service.list(req.org_id, role, page), page,
                                                  [](const Member& m) {
                                                    return core::PageKey{m.joined_ms, m.user_id};
                                                  },
                                                  [](const Member& m) { return to_json(m); }));
           })
      .permission("members:read");

  members
      .post("",
            [&service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto member = service.add(req.actor(), req.org_id, read_new_member(in));
              return http::Response::json(201, to_json(member));
            })
      .permission("members:manage")
      .blocking();

  members
      .get("/{userId}",
           [&service](http::Request& req) {
             return http::Response::json(200, to_json(service.get(req.org_id, req.param("userId"))));
           })
      .permission("members:read");

  members
      .patch("/{userId}",
             [&service](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               const auto role = read_role(in);
               in.finish();
               return http::Response::json(
                   200, to_json(service.change_role(req.actor(), req.org_id, req.param("userId"), role)));
             })
      .permission("members:manage");

  members
      .del("/{userId}",
           [&service](http::Request& req) {
             service.remove(req.actor(), req.org_id, req.param("userId"));
             return http::Response::no_content();
           })
      .permission("members:manage");

  // The temporary password is in this response only; it is never stored in clear or logged.
  members
      .post(
          "/{userId}/reset-password",
          [&service](http::Request& req) {
            expect_no_fields(req);
            const auto password = service.reset_password(req.actor(), req.org_id, req.param("userId"));
            return http::Response::json(200, {{"temporaryPassword", password}, {"mustChangePassword", true}});
          })
      .permission("members:manage")
      .blocking();
}

}  // namespace cove::accounts
