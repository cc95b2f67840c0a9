// The operators' side of organisations: the review queue, decisions and per-org quota overrides
// (issue 3 "Organisations", "Quotas").
#include <algorithm>
#include <array>
#include <memory>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/org_service.hpp"
#include "http/query_input.hpp"
#include "http/list_response.hpp"

namespace cove::accounts {

namespace {

constexpr std::array<std::string_view, 4> kStatuses = {"pending", "active", "rejected", "suspended"};

org_repo::OrgFilter read_filter(const http::Request& req) {
  org_repo::OrgFilter f;
  core::FieldErrors errors;
  if (auto status = req.query_param("status"); status && !status->empty()) {
    if (std::find(kStatuses.begin(), kStatuses.end(), *status) == kStatuses.end()) {
      errors.add("status", "invalid", "Use pending, active, rejected or suspended");
    }
    f.status = std::move(*status);
  }
  if (auto q = req.query_param("q")) {
    if (const auto code = core::check_string(*q, {.min_chars = 0, .max_chars = 100}); !code.empty()) {
      errors.add("q", code, "Search with at most 100 printable characters");
    }
    f.query = std::move(*q);
  }
  errors.throw_if_any();
  return f;
}

// approve and reactivate take no fields; an empty body is fine.
void read_no_fields(const http::Request& req) {
  if (req.body.empty()) return;
  core::JsonInput::parse(req.body).finish();
}

std::string read_reason(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  auto reason = in.required_string("reason", kReasonRule);
  in.finish();
  return reason;
}

http::Response decision(OrgService& service, http::Request& req, OrgDecision d, const std::string& reason) {
  const auto org = service.decide(req.actor(), req.param("orgId"), d, reason);
  return http::Response::json(200, to_json(org));
}

}  // namespace

void mount_platform_org_routes(http::Router& router, AccountsContext& ctx) {
  auto service = std::make_shared<OrgService>(ctx);
  auto orgs = router.group("/api/v1/platform/orgs");

  orgs.get("",
           [service](http::Request& req) {
             const auto filter = read_filter(req);
             const auto page = http::read_page_request(req);
             return http::Response::json_text(
                 200, http::page_text(
                          service->list(filter, page), page,
                          [](const Org& o) {
                            return core::PageKey{o.created_ms, o.id};
                          },
                          [](core::JsonWriter& w, const Org& o) { write_json(w, o); }));
           })
      .permission("platform:read");

  orgs.get("/{orgId}",
           [service](http::Request& req) {
             const auto& org_id = req.param("orgId");
             auto body = to_json(service->details(org_id));
             body["quotaOverrides"] = to_json(service->quota_overrides(org_id));
             return http::Response::json(200, body);
           })
      .permission("platform:read");

  orgs.post("/{orgId}/approve",
            [service](http::Request& req) {
              read_no_fields(req);
              return decision(*service, req, OrgDecision::kApprove, "");
            })
      .permission("platform:orgs");

  orgs.post("/{orgId}/reject",
            [service](http::Request& req) {
              return decision(*service, req, OrgDecision::kReject, read_reason(req));
            })
      .permission("platform:orgs");

  orgs.post("/{orgId}/suspend",
            [service](http::Request& req) {
              return decision(*service, req, OrgDecision::kSuspend, read_reason(req));
            })
      .permission("platform:orgs");

  orgs.post("/{orgId}/reactivate",
            [service](http::Request& req) {
              read_no_fields(req);
              return decision(*service, req, OrgDecision::kReactivate, "");
            })
      .permission("platform:orgs");

  // Operators require 2FA of every member of an organisation (issue 3); the organisation cannot
  // lift what an operator imposed, and lifting it leaves the organisation's own choice.
  orgs.put("/{orgId}/security",
           [service](http::Request& req) {
             auto in = core::JsonInput::parse(req.body);
             const auto required = in.optional_bool("require2fa");
             if (!in.has("require2fa")) in.add_error("require2fa", "required", "Say whether 2FA is required");
             in.finish();
             return http::Response::json(200,
                                         to_json(service->set_imposed_2fa(req.actor(), req.param("orgId"),
                                                                          required.value_or(false))));
           })
      .permission("platform:orgs");

  const auto quotas_json = [&ctx, service](const std::string& org_id, const QuotaOverrides& overrides) {
    return nlohmann::json{{"overrides", to_json(overrides)},
                          {"effective", service->effective_quotas(org_id)},
                          {"defaults", ctx.quotas.defaults()}};
  };

  orgs.get("/{orgId}/quotas",
           [service, quotas_json](http::Request& req) {
             const auto& org_id = req.param("orgId");
             return http::Response::json(200, quotas_json(org_id, service->quota_overrides(org_id)));
           })
      .permission("platform:orgs");

  orgs.put("/{orgId}/quotas",
           [&ctx, service, quotas_json](http::Request& req) {
             const auto& org_id = req.param("orgId");
             auto in = core::JsonInput::parse(req.body);
             const auto overrides = ctx.quotas.read_overrides(in);
             return http::Response::json(
                 200, quotas_json(org_id, service->set_quota_overrides(req.actor(), org_id, overrides)));
           })
      .permission("platform:orgs");
}

}  // namespace cove::accounts
