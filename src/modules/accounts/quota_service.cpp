#include "modules/accounts/quota_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace cove::accounts {

std::string_view quota_name(Quota q) {
  switch (q) {
    case Quota::kApps: return "maxApps";
    case Quota::kHostApps: return "maxHostApps";
    case Quota::kMembers: return "maxMembers";
    case Quota::kGrayPlans: return "maxGrayPlans";
    case Quota::kPackageBytes: return "maxPackageBytes";
  }
  return "unknown";
}

QuotaSettings QuotaService::for_org(core::Conn& c, const std::string& org_id) const {
  QuotaSettings q = *settings_.quotas();
  auto& st = c.prepare(
      "SELECT max_apps, max_host_apps, max_members, max_gray_plans, max_package_bytes FROM org_quotas WHERE org_id = ?");
  st.bind(1, org_id);
  if (st.executeStep()) {
    const auto pick = [&](int col, std::int64_t& field) {
      if (!st.getColumn(col).isNull()) field = st.getColumn(col).getInt64();
    };
    pick(0, q.max_apps);
    pick(1, q.max_host_apps);
    pick(2, q.max_members);
    pick(3, q.max_gray_plans);
    pick(4, q.max_package_bytes);
  }
  return q;
}

std::int64_t QuotaService::limit(core::Conn& c, const std::string& org_id, Quota q) const {
  const auto s = for_org(c, org_id);
  switch (q) {
    case Quota::kApps: return s.max_apps;
    case Quota::kHostApps: return s.max_host_apps;
    case Quota::kMembers: return s.max_members;
    case Quota::kGrayPlans: return s.max_gray_plans;
    case Quota::kPackageBytes: return s.max_package_bytes;
  }
  return 0;
}

void QuotaService::ensure(core::Conn& c, const std::string& org_id, Quota q, std::int64_t current,
                          std::int64_t adding) const {
  const auto max = limit(c, org_id, q);
  if (current + adding <= max) return;
  throw core::Error(403, "quota.exceeded",
                    fmt::format("This organisation has reached its limit ({} = {})", quota_name(q), max),
                    {{"quota", quota_name(q)}, {"limit", max}, {"current", current}});
}

}  // namespace cove::accounts
