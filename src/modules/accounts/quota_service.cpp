#include "modules/accounts/quota_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/accounts/org_repo.hpp"

namespace cove::accounts {

nlohmann::json to_json(const QuotaOverrides& q) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : q) out[key] = value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  return out;
}

QuotaLimits QuotaService::defaults() const {
  const auto stored = settings_.quotas();
  QuotaLimits out;
  for (const auto& d : registry_.declarations()) {
    std::int64_t value = d.default_limit;
    // A stored value outside today's range (written by an older release) falls back to the default.
    if (const auto it = stored->doc.find(d.key); it != stored->doc.end() && it->is_number_integer()) {
      const auto v = it->get<std::int64_t>();
      if (v >= d.min && v <= d.max) value = v;
    }
    out[d.key] = value;
  }
  return out;
}

QuotaLimits QuotaService::for_org(core::Conn& c, const std::string& org_id) const {
  auto limits = defaults();
  for (const auto& [key, value] : org_repo::quota_overrides(c, org_id)) {
    if (limits.contains(key)) limits[key] = value;
  }
  return limits;
}

QuotaOverrides QuotaService::overrides(core::Conn& c, const std::string& org_id) const {
  QuotaOverrides out;
  for (const auto& d : registry_.declarations()) out[d.key] = std::nullopt;
  for (const auto& [key, value] : org_repo::quota_overrides(c, org_id)) {
    if (out.contains(key)) out[key] = value;
  }
  return out;
}

QuotaLimits QuotaService::usage(core::Conn& c, const std::string& org_id) const {
  QuotaLimits out;
  for (const auto& d : registry_.declarations()) {
    if (d.usage) out[d.key] = d.usage(c, org_id);
  }
  return out;
}

std::int64_t QuotaService::limit(core::Conn& c, const std::string& org_id, std::string_view key) const {
  const auto limits = for_org(c, org_id);
  const auto it = limits.find(key);
  if (it == limits.end()) throw std::logic_error("quota not declared: " + std::string(key));
  return it->second;
}

void QuotaService::ensure(core::Conn& c, const std::string& org_id, std::string_view key, std::int64_t current,
                          std::int64_t adding) const {
  const auto max = limit(c, org_id, key);
  if (current + adding <= max) return;
  throw core::Error(403, "quota.exceeded", fmt::format("This organisation has reached its limit ({} = {})", key, max),
                    {{"quota", key}, {"limit", max}, {"current", current}});
}

void QuotaService::read_defaults(core::JsonInput& in, nlohmann::json& doc) const {
  for (const auto& d : registry_.declarations()) {
    if (const auto v = in.optional_int(d.key.c_str(), d.min, d.max)) doc[d.key] = *v;
  }
}

QuotaOverrides QuotaService::read_overrides(core::JsonInput& in) const {
  QuotaOverrides out;
  for (const auto& d : registry_.declarations()) out[d.key] = in.optional_int(d.key.c_str(), d.min, d.max);
  in.finish();
  return out;
}

}  // namespace cove::accounts
