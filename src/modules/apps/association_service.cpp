#include "modules/apps/association_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/apps/app_repo.hpp"
#include "modules/apps/association_repo.hpp"
#include "modules/apps/host_app_repo.hpp"

namespace cove::apps {

namespace {

core::Error host_app_not_found() { return core::Error::not_found("host_apps.not_found", "No such host app"); }
core::Error app_not_found() { return core::Error::not_found("apps.not_found", "No such mini-program"); }
core::Error not_associated() {
  return core::Error::not_found("host_apps.not_associated",
                                "The mini-program is not associated with this host app");
}

// 400 naming each grant the host app does not define.
void check_grants(const HostApp& h, const GrantFields& g) {
  core::FieldErrors errors;
  for (std::size_t i = 0; i < g.allowed_apis.size(); ++i) {
    const auto& name = g.allowed_apis[i];
    if (std::none_of(h.custom_apis.begin(), h.custom_apis.end(),
                     [&](const CustomApi& a) { return a.name == name; })) {
      errors.add(fmt::format("allowedApis[{}]", i), "not_defined",
                 "The host app defines no custom API of this name");
    }
  }
  for (std::size_t i = 0; i < g.allowed_menus.size(); ++i) {
    const auto& id = g.allowed_menus[i];
    if (std::none_of(h.menus.begin(), h.menus.end(), [&](const MenuItem& m) { return m.id == id; })) {
      errors.add(fmt::format("allowedMenus[{}]", i), "not_defined",
                 "The host app defines no menu item with this id");
    }
  }
  errors.throw_if_any();
}

nlohmann::json association_summary(const Association& a) {
  return {{"appId", a.app_id},
          {"allowedApis", a.allowed_apis},
          {"allowedMenus", a.allowed_menus},
          {"crossOrg", a.cross_org}};
}

}  // namespace

std::vector<Association> AssociationService::list(const std::string& org_id, const std::string& host_app_id,
                                                  const core::PageRequest& page) const {
  return ctx_.app.db.read([&](core::Conn& c) {
    if (!host_app_repo::find(c, org_id, host_app_id)) throw host_app_not_found();
    return association_repo::list(c, host_app_id, page);
  });
}

Association AssociationService::associate(const core::Actor& actor, const std::string& org_id,
                                          const std::string& host_app_id, const std::string& app_id,
                                          const GrantFields& grants) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    const auto h = host_app_repo::find(tx, org_id, host_app_id);
    if (!h) throw host_app_not_found();
    if (auto existing = association_repo::find(tx, host_app_id, app_id)) {
      // Includes operator-granted cross-organisation rows: the host app's owner sets their grants.
      return save(tx, actor, *h, std::move(*existing), grants, true);
    }
    const auto app = app_repo::find(tx, org_id, app_id);
    if (!app) throw app_not_found();  // also for another organisation's mini-program
    Association a;
    a.host_app_id = host_app_id;
    a.app_id = app_id;
    a.app_org_id = app->org_id;
    a.app_name = app->name;
    a.app_status = app->status;
    return save(tx, actor, *h, std::move(a), grants, false);
  });
}

void AssociationService::dissociate(const core::Actor& actor, const std::string& org_id,
                                    const std::string& host_app_id, const std::string& app_id) {
  ctx_.app.db.write([&](core::Tx& tx) {
    const auto h = host_app_repo::find(tx, org_id, host_app_id);
    if (!h) throw host_app_not_found();
    drop(tx, actor, *h, app_id);
  });
}

Association AssociationService::operator_associate(const core::Actor& actor, const std::string& host_app_id,
                                                   const std::string& app_id, const GrantFields& grants) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    const auto h = host_app_repo::find_any(tx, host_app_id);
    if (!h) throw host_app_not_found();
    if (auto existing = association_repo::find(tx, host_app_id, app_id)) {
      return save(tx, actor, *h, std::move(*existing), grants, true);
    }
    const auto app_org = app_repo::org_of(tx, app_id);
    if (!app_org) throw app_not_found();
    const auto app = app_repo::find(tx, *app_org, app_id);
    if (!app) throw app_not_found();
    Association a;
    a.host_app_id = host_app_id;
    a.app_id = app_id;
    a.app_org_id = app->org_id;
    a.app_name = app->name;
    a.app_status = app->status;
    a.cross_org = app->org_id != h->org_id;
    return save(tx, actor, *h, std::move(a), grants, false);
  });
}

void AssociationService::operator_dissociate(const core::Actor& actor, const std::string& host_app_id,
                                             const std::string& app_id) {
  ctx_.app.db.write([&](core::Tx& tx) {
    const auto h = host_app_repo::find_any(tx, host_app_id);
    if (!h) throw host_app_not_found();
    drop(tx, actor, *h, app_id);
  });
}

Association AssociationService::save(core::Tx& tx, const core::Actor& actor, const HostApp& h, Association a,
                                     const GrantFields& grants, bool existed) {
  check_grants(h, grants);
  const auto before = existed ? association_summary(a) : nlohmann::json(nullptr);
  a.allowed_apis = grants.allowed_apis;
  a.allowed_menus = grants.allowed_menus;
  if (existed && association_summary(a) == before) return a;  // the same request again: nothing to record
  const auto now = ctx_.app.clock.unix_millis();
  if (!existed) {
    a.created_by = actor.principal->id;
    a.created_ms = now;
  }
  a.updated_ms = now;
  association_repo::upsert(tx, a);
  ctx_.app.audit.record(tx, actor,
                        {.org_id = h.org_id,
                         .action = existed ? "association.updated" : "association.created",
                         .target_type = "host_app",
                         .target_id = h.id,
                         .before = before,
                         .after = association_summary(a)});
  ctx_.app.events.emit(tx, "association.changed",
                       {{"orgId", h.org_id},
                        {"hostAppId", h.id},
                        {"appId", a.app_id},
                        {"appOrgId", a.app_org_id},
                        {"associated", true}});
  return a;
}

void AssociationService::drop(core::Tx& tx, const core::Actor& actor, const HostApp& h,
                              const std::string& app_id) {
  const auto a = association_repo::find(tx, h.id, app_id);
  if (!a) throw not_associated();
  association_repo::remove(tx, h.id, app_id);
  ctx_.app.audit.record(tx, actor,
                        {.org_id = h.org_id,
                         .action = "association.deleted",
                         .target_type = "host_app",
                         .target_id = h.id,
                         .before = association_summary(*a)});
  ctx_.app.events.emit(tx, "association.changed",
                       {{"orgId", h.org_id},
                        {"hostAppId", h.id},
                        {"appId", app_id},
                        {"appOrgId", a->app_org_id},
                        {"associated", false}});
}

}  // namespace cove::apps
