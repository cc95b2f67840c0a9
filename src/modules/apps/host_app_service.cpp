#include "modules/apps/host_app_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "modules/apps/apps_api.hpp"
#include "core/ids.hpp"
#include "modules/apps/association_repo.hpp"

namespace cove::apps {

namespace {

core::Error host_app_not_found() { return core::Error::not_found("host_apps.not_found", "No such host app"); }

// 256 bits from the OS CSPRNG; the prefix lets secret scanners recognise a leaked one.
std::string new_sdk_secret() {
  return fmt::format("cove_ss_{}", core::crypto::base64url(core::crypto::random_bytes(32)));
}

nlohmann::json event_of(const HostApp& h) { return {{"orgId", h.org_id}, {"hostAppId", h.id}}; }

template <class Item, class Key>
std::vector<std::string> keep_defined(const std::vector<std::string>& granted,
                                      const std::vector<Item>& defined, Key key) {
  std::vector<std::string> out;
  for (const auto& g : granted) {
    if (std::any_of(defined.begin(), defined.end(), [&](const Item& d) { return key(d) == g; }))
      out.push_back(g);
  }
  return out;
}

// Drops grants naming custom APIs or menus the host app no longer defines; returns how many
// associations lost something.
std::int64_t prune_grants(core::Tx& tx, const HostApp& h, std::int64_t now_ms) {
  std::int64_t changed = 0;
  for (auto a : association_repo::all_of(tx, h.id)) {
    auto apis = keep_defined(a.allowed_apis, h.custom_apis, [](const CustomApi& x) { return x.name; });
    auto menus = keep_defined(a.allowed_menus, h.menus, [](const MenuItem& x) { return x.id; });
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
  h.secret_rotated_ms = h.created_ms = h.updated_ms = ctx_.app.clock.unix_millis();
  auto secret = new_sdk_secret();
  const auto sealed = ctx_.sealed.seal(secret);
  ctx_.app.db.write([&](core::Tx& tx) {
    ctx_.accounts.quotas().ensure(tx, org_id, quotas::kMaxHostApps,
                                  host_app_repo::count_in_org(tx, org_id));
    host_app_repo::insert(tx, h, sealed);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "host_app.created",
                           .target_type = "host_app",
                           .target_id = h.id,
                           .after = summary_of(h)});
    ctx_.app.events.emit(tx, "host_app.created", event_of(h));
  });
  return {std::move(h), std::move(secret)};
}

HostApp HostAppService::get(const std::string& org_id, const std::string& host_app_id) const {
  auto h = ctx_.app.db.read([&](core::Conn& c) { return host_app_repo::find(c, org_id, host_app_id); });
  if (!h) throw host_app_not_found();
  return *h;
}

std::vector<HostApp> HostAppService::list(const host_app_repo::HostAppFilter& filter,
                                          const core::PageRequest& page) const {
  return ctx_.app.db.read([&](core::Conn& c) { return host_app_repo::list(c, filter, page); });
}

HostApp HostAppService::update(const core::Actor& actor, const std::string& org_id,
                               const std::string& host_app_id, const HostAppFields& f) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto h = host_app_repo::find(tx, org_id, host_app_id);
    if (!h) throw host_app_not_found();
    const HostApp stored = *h;
    const bool bundles_changed = f.bundles && *f.bundles != h->bundles;
    if (f.name) h->name = *f.name;
    if (f.status) h->status = *f.status;
    if (f.bundles) h->bundles = *f.bundles;
    if (f.custom_apis) h->custom_apis = *f.custom_apis;
    if (f.menus) h->menus = *f.menus;
    if (*h == stored) return stored;  // the whole row: nothing changed, nothing to record
    const auto before = summary_of(stored);
    auto after = summary_of(*h);
    h->updated_ms = ctx_.app.clock.unix_millis();
    host_app_repo::update(tx, *h);
    if (bundles_changed) host_app_repo::replace_bundles(tx, *h);
    if (const auto pruned = prune_grants(tx, *h, h->updated_ms); pruned > 0) after["grantsPruned"] = pruned;
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "host_app.updated",
                           .target_type = "host_app",
                           .target_id = host_app_id,
                           .before = before,
                           .after = after});
    ctx_.app.events.emit(tx, "host_app.updated", event_of(*h));
    return *host_app_repo::find(tx, org_id, host_app_id);  // answer with what was stored
  });
}

void HostAppService::remove(const core::Actor& actor, const std::string& org_id,
                            const std::string& host_app_id) {
  ctx_.app.db.write([&](core::Tx& tx) {
    auto h = host_app_repo::find(tx, org_id, host_app_id);
    if (!h) throw host_app_not_found();
    auto before = summary_of(*h);
    before["associatedApps"] = association_repo::all_of(tx, host_app_id).size();
    host_app_repo::remove(tx, org_id, host_app_id);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "host_app.deleted",
                           .target_type = "host_app",
                           .target_id = host_app_id,
                           .before = before});
    ctx_.app.events.emit(tx, "host_app.deleted", event_of(*h));
  });
}

HostAppWithSecret HostAppService::rotate_secret(const core::Actor& actor, const std::string& org_id,
                                                const std::string& host_app_id) {
  auto secret = new_sdk_secret();
  const auto sealed = ctx_.sealed.seal(secret);
  auto rotated = ctx_.app.db.write([&](core::Tx& tx) {
    auto h = host_app_repo::find(tx, org_id, host_app_id);
    if (!h) throw host_app_not_found();
    const auto previous_ms = h->secret_rotated_ms;
    h->secret_rotated_ms = h->updated_ms = ctx_.app.clock.unix_millis();
    host_app_repo::set_secret(tx, *h, sealed);
    // Only when it happened: the operation log never holds a secret, sealed or not.
    ctx_.app.audit.record(
        tx, actor,
        {.org_id = org_id,
         .action = "host_app.secret_rotated",
         .target_type = "host_app",
         .target_id = host_app_id,
         .before = {{"secretRotatedAt", core::format_rfc3339_millis(previous_ms)}},
         .after = {{"secretRotatedAt", core::format_rfc3339_millis(h->secret_rotated_ms)}}});
    auto event = event_of(*h);
    event["change"] = "secret";
    ctx_.app.events.emit(tx, "host_app.updated", event);
    return *h;
  });
  return {std::move(rotated), std::move(secret)};
}

}  // namespace cove::apps
