#pragma once
// The accounts module's public service interface for the modules after it (DESIGN.md §1):
// tenancy resolution for their resources, quotas, and platform settings — plus the helpers they
// share with accounts: list pagination, field rules for e-mail and phone, and media sniffing.
#include <string>
#include <unordered_set>

#include "modules/accounts/branding_media.hpp"
#include "modules/accounts/identity.hpp"
#include "core/page.hpp"
#include "modules/accounts/org_model.hpp"
#include "modules/accounts/quota_service.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

class AccountsApi {
 public:
  virtual ~AccountsApi() = default;
  // Lets routes with `{param}` in their path declare org permissions: `resolver` finds the
  // organisation owning the resource. Call from the module's constructor or register_routes.
  virtual void register_org_resolver(std::string param, Identity::OrgResolver resolver) = 0;
  virtual const QuotaService& quotas() const = 0;
  virtual const SettingsService& settings() const = 0;
  // Organisations whose members may work and whose mini-programs may be served (status active).
  virtual std::unordered_set<std::string> active_org_ids(core::Conn& c) const = 0;
};

}  // namespace cove::accounts
