#pragma once
// Organisation quotas (the FinClip "license" limits): platform defaults overridden per org.
// Later modules call ensure() inside the transaction that would exceed a limit, so two
// concurrent creates cannot both slip under it (writes are serialised).
#include <cstdint>
#include <string>
#include <string_view>

#include "core/db.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::accounts {

enum class Quota { kApps, kHostApps, kMembers, kGrayPlans, kPackageBytes };

std::string_view quota_name(Quota q);  // "maxApps", … as in the API

class QuotaService {
 public:
  explicit QuotaService(SettingsService& settings) : settings_(settings) {}
  // Effective limits for an org (override where set, else the platform default).
  QuotaSettings for_org(core::Conn& c, const std::string& org_id) const;
  std::int64_t limit(core::Conn& c, const std::string& org_id, Quota q) const;
  // Throws 403 `quota.exceeded` with details {quota, limit, current} when `current + adding`
  // would pass the limit.
  void ensure(core::Conn& c, const std::string& org_id, Quota q, std::int64_t current, std::int64_t adding = 1) const;

 private:
  SettingsService& settings_;
};

}  // namespace cove::accounts
