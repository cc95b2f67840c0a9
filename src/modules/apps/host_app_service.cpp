#include "modules/apps/host_app_service.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/apps_lookups.hpp"
#include "modules/apps/association_repo.hpp"
#include "modules/apps/change_entry.hpp"

namespace cove::apps {

namespace {

// 256 bits from the OS CSPRNG; the prefix lets secret scanners recognise a leaked one.
std::string new_sdk_secret() {
  return fmt::format("cove_ss_{}", core::crypto::base64url(core::crypto::random_bytes(32)));
}

std::vector<std::string> keep_if(const std::vector<std::string>& names, auto defined) {
  std::vector<std::string> out;
  std::copy_if(names.begin(), names.end(), std::back_inserter(out), defined);
  return out;
}

// Drops grants naming custom APIs or menus the host app no longer defines; returns how many
// associations lost something.
std::int64_t prune_grants(core::Tx& tx, const HostApp& h, std::int64_t now_ms) {
  std::int64_t changed = 0;
  for (auto a : association_repo::all_of(tx, h.id)) {
    auto apis = keep_if(a.allowed_apis, [&](const std::string& name) { return defines_api(h, name); });
    auto menus = keep_if(a.allowed_menus, [&](const std::string& id) { return defines_menu(h, id); });
    if (apis == a.allowed_apis && menus == a.allowed_menus) continue;
    a.allowed_apis = std::move(apis);
    a.allowed_menus = std::move(menus);
    a.updated_ms = now_ms;
    association_repo::set_grants(tx, a);
    ++changed;
  }
  return changed;
}

}  // namespace

HostAppWithSecret HostAppService::create(const core::Actor& actor, const std::string& org_id,
                                         const HostAppFields& fields) {
  HostApp h;
  h.id = core::new_id("hst");
  h.org_id = org_id;
  h.name = fields.name.value_or("");
  h.sdk_key = core::new_id("sdk");
  if (fields.bundles) h.bundles = *fields.bundles;
  if (fields.custom_apis) h.custom_apis = *fields.custom_apis;
  if (fields.menus) h.menus = *fields.menus;
  h.secret_rotated_ms = h.created_ms = h.updated_ms = clock_.unix_millis();
  auto secret = new_sdk_secret();
  const auto sealed = sealed_.seal(secret);
  db_.write([&](core::Tx& tx) {
    quotas_.ensure(tx, org_id, quotas::kMaxHostApps, host_app_repo::count_in_org(tx, org_id));
    host_app_repo::insert(tx, h, sealed);
    changes_.record(tx, actor, events::HostAppCreated{org_id, h.id, ""},
                    change_entry(h.org_id, "host_app", h.id, nullptr, summary_of(h)));
  });
  return {std::move(h), std::move(secret)};
}

HostApp HostAppService::get(const std::string& org_id, const std::string& host_app_id) const {
  return db_.read([&](core::Conn& c) { return require_host_app(c, org_id, host_app_id); });
}

core::Page<HostApp> HostAppService::list(const host_app_repo::HostAppFilter& filter,
                                          const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return host_app_repo::list(c, filter, page); });
}

HostApp HostAppService::update(const core::Actor& actor, const std::string& org_id,
                               const std::string& host_app_id, const HostAppFields& f) {
  return db_.write([&](core::Tx& tx) {
    auto h = require_host_app(tx, org_id, host_app_id);
    const HostApp stored = h;
    const bool bundles_changed = f.bundles && *f.bundles != h.bundles;
    if (f.name) h.name = *f.name;
    if (f.status) h.status = *f.status;
    if (f.bundles) h.bundles = *f.bundles;
    if (f.custom_apis) h.custom_apis = *f.custom_apis;
    if (f.menus) h.menus = *f.menus;
    if (h == stored) return stored;  // the whole row: nothing changed, nothing to record
    auto after = summary_of(h);
    h.updated_ms = clock_.unix_millis();
    host_app_repo::update(tx, h);
    if (bundles_changed) host_app_repo::replace_bundles(tx, h);
    if (const auto pruned = prune_grants(tx, h, h.updated_ms); pruned > 0) after["grantsPruned"] = pruned;
    changes_.record(tx, actor, events::HostAppUpdated{org_id, host_app_id, ""},
                    change_entry(h.org_id, "host_app", h.id, summary_of(stored), std::move(after)));
    return require_host_app(tx, org_id, host_app_id);  // answer with what was stored
  });
}

void HostAppService::remove(const core::Actor& actor, const std::string& org_id,
                            const std::string& host_app_id) {
  db_.write([&](core::Tx& tx) {
    const auto h = require_host_app(tx, org_id, host_app_id);
    auto before = summary_of(h);
    before["associatedApps"] = association_repo::all_of(tx, host_app_id).size();
    host_app_repo::remove(tx, org_id, host_app_id);
    changes_.record(tx, actor, events::HostAppDeleted{org_id, host_app_id, ""},
                    change_entry(h.org_id, "host_app", h.id, before, nullptr));
  });
}

HostAppWithSecret HostAppService::rotate_secret(const core::Actor& actor, const std::string& org_id,
                                                const std::string& host_app_id) {
  auto secret = new_sdk_secret();
  const auto sealed = sealed_.seal(secret);
  auto rotated = db_.write([&](core::Tx& tx) {
    auto h = require_host_app(tx, org_id, host_app_id);
    const auto previous_ms = h.secret_rotated_ms;
    h.secret_rotated_ms = h.updated_ms = clock_.unix_millis();
    host_app_repo::set_secret(tx, h, sealed);
    // Only when it happened: the operation log never holds a secret, sealed or not. Subscribers
    // (the SDK directory) learn of it as an update whose change is "secret".
    changes_.record(tx, actor, events::HostAppUpdated{org_id, host_app_id, "secret"},
                    change_entry(h.org_id, "host_app", h.id,
                                 {{"secretRotatedAt", core::format_rfc3339_millis(previous_ms)}},
                                 {{"secretRotatedAt", core::format_rfc3339_millis(h.secret_rotated_ms)}},
                                 "host_app.secret_rotated"));
    return h;
  });
  return {std::move(rotated), std::move(secret)};
}

}  // namespace cove::apps
