// Invitations (issue 3 "Members"): administrators create, list and revoke them; the invitee
// opens the link (public) and accepts it, with a new account or signed in with an existing one.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/clock.hpp"
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

constexpr std::array<std::string_view, 3> kInvitableRoles = {"admin", "developer", "viewer"};
constexpr std::array<std::string_view, 4> kStatuses = {"pending", "accepted", "revoked", "expired"};

bool valid_host(std::string_view host) {
  return !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == ':' || c == '[' || c == ']';
  });
}

// Links point at http.publicUrl when configured (the address users know, e.g. behind a proxy),
// else at the host this request was sent to; a Host header that is not a plain host[:port]
// gives a relative link rather than one an attacker chose.
std::string invite_url(const std::string& public_url, const http::Request& req, const std::string& token) {
  std::string base = public_url;
  if (base.empty()) {
    if (const auto host = req.headers.get("Host"); host && valid_host(*host)) {
      base = (req.secure ? "https://" : "http://") + std::string(*host);
    }
  }
  return fmt::format("{}/invite/{}", base, token);
}

}  // namespace

void mount_invitation_routes(http::Router& router, AccountsServices& services) {
  auto& service = services.invitations;
  const auto& public_url = services.public_url;
  auto org_invitations = router.group("/api/v1/orgs/{orgId}/invitations");

  org_invitations
      .post("",
            [&service, &public_url](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto email = core::read_email(in, "email", true).value_or("");
              const auto role = in.required_string("role", {.min_chars = 1, .max_chars = 20});
              if (!role.empty() &&
                  std::find(kInvitableRoles.begin(), kInvitableRoles.end(), role) == kInvitableRoles.end()) {
                in.add_error("role", "invalid",
                             "Invite as admin, developer or viewer; an owner can promote members later");
              }
              in.finish();
              const auto created = service.create(req.actor(), req.org_id, email, role);
              auto body = to_json(created.invitation, service.now_ms());
              body["inviteUrl"] = invite_url(public_url, req, created.token);
              return http::Response::json(201, body);
            })
      .permission("members:manage");

  org_invitations
      .get("",
           [&service](http::Request& req) {
             const auto status =
                 query_choice(req, "status", kStatuses, "Use pending, accepted, revoked or expired");
             const auto page = http::read_page_request(req);
             const auto now = service.now_ms();
             return http::Response::json(200, http::page_json(
                                                  service.list(req.org_id, status, page), page,
                                                  [](const Invitation& i) {
                                                    return core::PageKey{i.created_ms, i.id};
                                                  },
                                                  [now](const Invitation& i) { return to_json(i, now); }));
           })
      .permission("members:read");

  org_invitations
      .del("/{invitationId}",
           [&service](http::Request& req) {
             service.revoke(req.actor(), req.org_id, req.param("invitationId"));
             return http::Response::no_content();
           })
      .permission("members:manage");

  // The token in the path is the credential: these two are open.
  auto invitations = router.group("/api/v1/invitations");

  invitations
      .get("/{token}",
           [&service](http::Request& req) {
             const auto p = service.preview(req.param("token"));
             return http::Response::json(200, {{"orgId", p.org_id},
                                               {"orgName", p.org_name},
                                               {"email", p.email},
                                               {"role", p.role},
                                               {"expiresAt", core::format_rfc3339_millis(p.expires_ms)},
                                               {"accountExists", p.account_exists}});
           })
      .open();

  // Signed in (bearer token): no fields, joins with that account. Otherwise {name, password}
  // creates the account.
  invitations
      .post("/{token}/accept",
            [&service](http::Request& req) {
              std::optional<NewAccount> account;
              if (req.principal->authenticated()) {
                expect_no_fields(req);
              } else {
                auto in = core::JsonInput::parse(req.body);
                NewAccount a;
                a.name = in.required_string("name", kPersonNameRule);
                a.password = in.required_string("password", {.min_chars = 1, .max_chars = kMaxPasswordBytes});
                in.finish();
                account = std::move(a);
              }
              const auto result = service.accept(req.actor(), req.param("token"), account);
              return http::Response::json(200, {{"orgId", result.org_id},
                                                {"userId", result.user_id},
                                                {"role", result.role},
                                                {"accountCreated", result.account_created}});
            })
      .open()
      .blocking();
}

}  // namespace cove::accounts
