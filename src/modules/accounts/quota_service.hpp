#pragma once
// Organisation quotas (the FinClip "license" limits). The modules that own what a quota counts
// declare it in the QuotaRegistry (key, default, range, usage); platform defaults are stored in
// the settings document "quotas" and per-organisation overrides in `org_quota_overrides`, both by
// key, so a new quota needs no change here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/db.hpp"
#include "core/json_input.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/platform/quota_registry.hpp"

namespace cove::accounts {

using QuotaLimits = std::map<std::string, std::int64_t, std::less<>>;  // every declared key
using QuotaOverrides = std::map<std::string, std::optional<std::int64_t>, std::less<>>;  // nullopt: the default

nlohmann::json to_json(const QuotaOverrides& q);  // {key: n | null}

class QuotaService final : public Quotas {
 public:
  QuotaService(const SettingsService& settings, const modules::QuotaRegistry& registry)
      : settings_(settings), registry_(registry) {}

  // The platform defaults: the stored settings over the declared defaults.
  QuotaLimits defaults() const;
  // Effective limits for an organisation (its overrides over the platform defaults).
  QuotaLimits for_org(core::Conn& c, const std::string& org_id) const;
  QuotaOverrides overrides(core::Conn& c, const std::string& org_id) const;
  // What the organisation uses now, for the quotas whose module declared a usage count.
  QuotaLimits usage(core::Conn& c, const std::string& org_id) const;

  // Quotas
  std::int64_t limit(core::Conn& c, const std::string& org_id, std::string_view key) const override;
  void ensure(core::Conn& c, const std::string& org_id, std::string_view key, std::int64_t current,
              std::int64_t adding = 1) const override;

  // Reads {key: n} for declared keys within their ranges into `doc` (settings PATCH: absent
  // keys keep their value).
  void read_defaults(core::JsonInput& in, nlohmann::json& doc) const;
  // Reads a whole override document {key: n | null} (absent or null: the default).
  QuotaOverrides read_overrides(core::JsonInput& in) const;
  const modules::QuotaRegistry& registry() const { return registry_; }

 private:
  const SettingsService& settings_;
  const modules::QuotaRegistry& registry_;
};

}  // namespace cove::accounts
