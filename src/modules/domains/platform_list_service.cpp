#include "modules/domains/platform_list_service.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/domains/domain_repo.hpp"
#include "modules/domains/platform_list_repo.hpp"

namespace cove::domains {

nlohmann::json to_json(const FlaggedApp& f) {
  return {{"orgId", f.org_id}, {"appId", f.app_id}, {"blockedHost", f.blocked_host}, {"values", f.values}};
}

namespace {

// The declared entries a blocked host covers, one FlaggedApp per mini-program.
std::vector<FlaggedApp> flagged_by(core::Conn& c, const std::string& blocked_host) {
  std::map<std::pair<std::string, std::string>, FlaggedApp> by_app;
  for (const auto& e : domain_repo::blocked_by(c, blocked_host)) {
    auto& f = by_app[{e.org_id, e.app_id}];
    f.org_id = e.org_id;
    f.app_id = e.app_id;
    f.blocked_host = blocked_host;
    auto value = e.kind + ": " + e.value;
    if (std::find(f.values.begin(), f.values.end(), value) == f.values.end()) f.values.push_back(std::move(value));
  }
  std::vector<FlaggedApp> out;
  for (auto& [key, f] : by_app) out.push_back(std::move(f));
  return out;
}

core::Error entry_not_found() {
  return core::Error::not_found("domains.list_entry_not_found", "This host is not in the list");
}

}  // namespace

std::vector<PlatformDomain> PlatformListService::list(PlatformList list) const {
  return db_.read([&](core::Conn& c) { return platform_list_repo::all(c, list); });
}

AddResult PlatformListService::add(const core::Actor& actor, PlatformList list, const PlatformDomainInput& input) {
  return db_.write([&](core::Tx& tx) {
    if (platform_list_repo::find(tx, list, input.host)) {
      throw core::Error(409, "domains.list_entry_exists", "This host is already in the list", {{"host", input.host}});
    }
    if (platform_list_repo::count(tx, list) >= static_cast<std::int64_t>(kMaxPlatformListEntries)) {
      throw core::Error(409, "domains.list_full",
                        fmt::format("A platform list holds at most {} hosts", kMaxPlatformListEntries),
                        {{"limit", kMaxPlatformListEntries}});
    }
    AddResult result;
    auto& d = result.entry;
    d.list = std::string(list_name(list));
    d.host = input.host;
    d.kinds = list == PlatformList::kWhitelist ? input.kinds : std::vector<std::string>{};
    d.note = input.note;
    d.created_by = actor.principal->id;
    d.created_ms = clock_.unix_millis();
    platform_list_repo::insert(tx, d);
    changes_.record(tx, actor, events::PlatformDomainAdded{d.list, d.host},
                    {.target_type = "platform_domain", .target_id = d.list + ":" + d.host, .after = to_json(d)});
    if (list == PlatformList::kBlocklist) {
      result.flagged = flagged_by(tx, d.host);
      for (const auto& f : result.flagged) {
        changes_.announce(tx, events::AppDomainsBlocked{f.org_id, f.app_id, f.blocked_host, f.values});
      }
    }
    return result;
  });
}

void PlatformListService::remove(const core::Actor& actor, PlatformList list, const std::string& host) {
  db_.write([&](core::Tx& tx) {
    const auto d = platform_list_repo::find(tx, list, host);
    if (!d) throw entry_not_found();
    platform_list_repo::remove(tx, list, host);
    changes_.record(tx, actor, events::PlatformDomainRemoved{d->list, d->host},
                    {.target_type = "platform_domain", .target_id = d->list + ":" + d->host, .before = to_json(*d)});
  });
}

std::vector<FlaggedApp> PlatformListService::flagged() const {
  return db_.read([&](core::Conn& c) {
    std::vector<FlaggedApp> out;
    for (const auto& b : platform_list_repo::all(c, PlatformList::kBlocklist)) {
      for (auto& f : flagged_by(c, b.host)) out.push_back(std::move(f));
    }
    return out;
  });
}

}  // namespace cove::domains
