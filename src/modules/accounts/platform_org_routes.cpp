// The operators' side of organisations: the review queue, decisions and per-org quota overrides
// (issue 3 "Organisations", "Quotas").
#include <array>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/route_input.hpp"

namespace cove::accounts {

namespace {

constexpr std::array<std::string_view, 4> kStatuses = {"pending", "active", "rejected", "suspended"};

org_repo::OrgFilter read_filter(const http::Request& req) {
  org_repo::OrgFilter f;
  core::FieldErrors errors;
  f.status = query_choice(req, "status", kStatuses, "Use pending, active, rejected or suspended", errors);
  if (auto q = req.query_param("q")) {
    if (const auto code = core::check_string(*q, {.min_chars = 0, .max_chars = 100}); !code.empty()) {
      errors.add("q", code, "Search with at most 100 printable characters");
    }
    f.query = std::move(*q);
  }
  errors.throw_if_any();
  return f;
}

// The operators' decisions: rejecting and suspending say why; approving and reactivating take no
// fields (an empty body is fine).
struct DecisionRoute {
  const char* path;
  OrgDecision decision;
  bool reason;
};
constexpr std::array<DecisionRoute, 4> kDecisions = {{{"/{orgId}/approve", OrgDecision::kApprove, false},
                                                      {"/{orgId}/reject", OrgDecision::kReject, true},
                                                      {"/{orgId}/suspend", OrgDecision::kSuspend, true},
                                                      {"/{orgId}/reactivate", OrgDecision::kReactivate, false}}};

}  // namespace

void mount_platform_org_routes(http::Router& router, AccountsServices& services) {
  auto& service = services.orgs;
  const auto& quotas = services.quotas;
  auto orgs = router.group("/api/v1/platform/orgs");

  orgs.get("",
           [&service](http::Request& req) {
             const auto filter = read_filter(req);
             const auto page = http::read_page_request(req);
             return http::Response::json_text(
                 200, http::page_text(
                          service.list(filter, page), page,
                          [](const Org& o) {
                            return core::PageKey{o.created_ms, o.id};
                          },
                          [](core::JsonWriter& w, const Org& o) { write_json(w, o); }));
           })
      .permission("platform:read");

  orgs.get("/{orgId}",
           [&service](http::Request& req) {
             const auto& org_id = req.param("orgId");
             auto body = to_json(service.details(org_id));
             body["quotaOverrides"] = to_json(service.quota_overrides(org_id));
             return http::Response::json(200, body);
           })
      .permission("platform:read");

  for (const auto& d : kDecisions) {
    orgs.post(d.path,
              [&service, d](http::Request& req) {
                std::string reason;
                if (d.reason) {
                  reason = read_only_field(req, "reason", kReasonRule);
                } else {
                  expect_no_fields(req);
                }
                return http::Response::json(200, to_json(service.decide(req.actor(), req.param("orgId"),
                                                                        d.decision, reason)));
              })
        .permission("platform:orgs");
  }

  // Operators require 2FA of every member of an organisation (issue 3); the organisation cannot
  // lift what an operator imposed, and lifting it leaves the organisation's own choice.
  orgs.put("/{orgId}/security",
           [&service](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             const auto required = in.optional_bool("require2fa");
             if (!in.has("require2fa")) in.add_error("require2fa", "required", "Say whether 2FA is required");
             in.finish();
             return http::Response::json(
                 200, to_json(service.set_imposed_2fa(req.actor(), req.param("orgId"), required.value_or(false))));
           })
      .permission("platform:orgs");

  const auto quotas_json = [&service, &quotas](const std::string& org_id, const QuotaOverrides& overrides) {
    return nlohmann::json{{"overrides", to_json(overrides)},
                          {"effective", service.effective_quotas(org_id)},
                          {"defaults", quotas.defaults()}};
  };

  orgs.get("/{orgId}/quotas",
           [&service, quotas_json](http::Request& req) {
             const auto& org_id = req.param("orgId");
             return http::Response::json(200, quotas_json(org_id, service.quota_overrides(org_id)));
           })
      .permission("platform:orgs");

  orgs.put("/{orgId}/quotas",
           [&service, &quotas, quotas_json](http::Request& req) {
             const auto& org_id = req.param("orgId");
             auto in = core::JsonInput::parse(req.body);
             const auto overrides = quotas.read_overrides(in);
             return http::Response::json(
                 200, quotas_json(org_id, service.set_quota_overrides(req.actor(), org_id, overrides)));
           })
      .permission("platform:orgs");
}

}  // namespace cove::accounts
