#pragma once
// Webhook endpoints (issue 17): create, read, edit, delete and rotate the signing secret of an
// organisation's endpoints (`org_id`) or the platform's (`org_id` ""). The secret is sealed at
// rest — deliveries must sign with it, so it cannot be hashed — and answered only when created or
// rotated; after a rotation the old secret signs beside the new one for 24 hours.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/webhooks/webhook_model.hpp"

namespace cove::webhooks {

struct EndpointFields {
  std::optional<std::string> url;
  std::optional<std::string> description;
  std::optional<std::vector<std::string>> events;
  std::optional<std::vector<std::string>> app_ids;
  std::optional<std::vector<std::pair<std::string, std::string>>> headers;
  std::optional<bool> enabled;
};

struct UrlPolicy {
  bool allow_http = false;
  bool allow_private_addresses = false;
};

// An endpoint with its secret in the clear, answered once.
struct EndpointWithSecret {
  Endpoint endpoint;
  std::string secret;
};

class EndpointService {
 public:
  EndpointService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const core::SealedBox& seal,
                  const accounts::Quotas& quotas, const apps::AppsApi& apps, UrlPolicy policy)
      : db_(db), changes_(changes), clock_(clock), seal_(seal), quotas_(quotas), apps_(apps), policy_(policy) {}

  EndpointWithSecret create(const core::Actor& actor, const std::string& org_id, const EndpointFields& fields);
  core::Page<Endpoint> list(const std::string& org_id, const core::PageRequest& page) const;
  Endpoint get(const std::string& org_id, const std::string& id) const;
  Endpoint update(const core::Actor& actor, const std::string& org_id, const std::string& id,
                  const EndpointFields& fields);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& id);
  EndpointWithSecret rotate_secret(const core::Actor& actor, const std::string& org_id, const std::string& id);
  EndpointHealth health(const std::string& id) const;
  // The secrets that sign a delivery now: the current one, and the rotated one within its 24 h.
  std::vector<std::string> signing_secrets(const Endpoint& e, std::int64_t now_ms) const;
  const UrlPolicy& policy() const { return policy_; }

 private:
  // Field errors for what `fields` sets (every problem at once, at its exact path).
  void validate(core::Conn& c, const std::string& org_id, const EndpointFields& fields, bool creating) const;

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const core::SealedBox& seal_;
  const accounts::Quotas& quotas_;
  const apps::AppsApi& apps_;
  UrlPolicy policy_;
};

// Checks a receiver URL; returns an error code ("invalid_url", "http_not_allowed",
// "private_address", "credentials_in_url") or "" when fine.
std::string check_endpoint_url(const std::string& url, const UrlPolicy& policy);

}  // namespace cove::webhooks
