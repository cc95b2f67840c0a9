#include "modules/apps/association_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/apps/app_repo.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/apps_lookups.hpp"
#include "modules/apps/association_repo.hpp"
#include "modules/apps/change_entry.hpp"
#include "modules/apps/host_app_repo.hpp"

namespace cove::apps {

namespace {

core::Error not_associated() {
  return core::Error::not_found("host_apps.not_associated",
                                "The mini-program is not associated with this host app");
}

// 400 naming each grant the host app does not define.
void check_grants(const HostApp& h, const GrantFields& g) {
  core::FieldErrors errors;
  for (std::size_t i = 0; i < g.allowed_apis.size(); ++i) {
    if (!defines_api(h, g.allowed_apis[i])) {
      errors.add(fmt::format("allowedApis[{}]", i), "not_defined",
                 "The host app defines no custom API of this name");
    }
  }
  for (std::size_t i = 0; i < g.allowed_menus.size(); ++i) {
    if (!defines_menu(h, g.allowed_menus[i])) {
      errors.add(fmt::format("allowedMenus[{}]", i), "not_defined",
                 "The host app defines no menu item with this id");
    }
  }
  errors.throw_if_any();
}

HostApp any_host_app(core::Conn& c, const std::string& host_app_id) {
  auto h = host_app_repo::find_any(c, host_app_id);
  if (!h) throw errors::host_app_not_found();
  return std::move(*h);
}

}  // namespace

core::Page<Association> AssociationService::list(const std::string& org_id, const std::string& host_app_id,
                                                  const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    require_host_app(c, org_id, host_app_id);
    return association_repo::list(c, host_app_id, page);
  });
}

Association AssociationService::associate(const core::Actor& actor, const std::string& org_id,
                                          const std::string& host_app_id, const std::string& app_id,
                                          const GrantFields& grants) {
  return db_.write([&](core::Tx& tx) {
    const auto h = require_host_app(tx, org_id, host_app_id);
    // Only the organisation's own mini-programs: another organisation's is as unknown as a wrong id.
    return upsert(tx, actor, h, app_id, org_id, grants);
  });
}

void AssociationService::dissociate(const core::Actor& actor, const std::string& org_id,
                                    const std::string& host_app_id, const std::string& app_id) {
  db_.write([&](core::Tx& tx) { drop(tx, actor, require_host_app(tx, org_id, host_app_id), app_id); });
}

Association AssociationService::operator_associate(const core::Actor& actor, const std::string& host_app_id,
                                                   const std::string& app_id, const GrantFields& grants) {
  return db_.write([&](core::Tx& tx) {
    const auto h = any_host_app(tx, host_app_id);
    return upsert(tx, actor, h, app_id, app_repo::org_of(tx, app_id), grants);
  });
}

void AssociationService::operator_dissociate(const core::Actor& actor, const std::string& host_app_id,
                                             const std::string& app_id) {
  db_.write([&](core::Tx& tx) { drop(tx, actor, any_host_app(tx, host_app_id), app_id); });
}

Association AssociationService::upsert(core::Tx& tx, const core::Actor& actor, const HostApp& h,
                                       const std::string& app_id,
                                       const std::optional<std::string>& app_org_id,
                                       const GrantFields& grants) {
  if (auto existing = association_repo::find(tx, h.id, app_id)) {
    // Includes operator-granted cross-organisation rows: the host app's owner sets their grants.
    return save(tx, actor, h, std::move(*existing), grants, true);
  }
  if (!app_org_id) throw errors::not_found();
  const auto app = require_app(tx, *app_org_id, app_id);
  Association a;
  a.host_app_id = h.id;
  a.app_id = app_id;
  a.app_org_id = app.org_id;
  a.app_name = app.name;
  a.app_status = app.status;
  a.cross_org = app.org_id != h.org_id;
  return save(tx, actor, h, std::move(a), grants, false);
}

Association AssociationService::save(core::Tx& tx, const core::Actor& actor, const HostApp& h, Association a,
                                     const GrantFields& grants, bool existed) {
  check_grants(h, grants);
  const auto before = existed ? summary_of(a) : nlohmann::json(nullptr);
  a.allowed_apis = grants.allowed_apis;
  a.allowed_menus = grants.allowed_menus;
  if (existed && summary_of(a) == before) return a;  // the same request again: nothing to record
  const auto now = clock_.unix_millis();
  if (!existed) {
    a.created_by = actor.principal->id;
    a.created_ms = now;
  }
  a.updated_ms = now;
  association_repo::upsert(tx, a);
  // The entry says what happened to the row, the event only that the association changed. The
  // target is the host app, whose operation log shows its associations.
  changes_.record(tx, actor, events::AssociationChanged{h.org_id, h.id, a.app_id, a.app_org_id, true},
                  change_entry(h.org_id, "host_app", h.id, before, summary_of(a),
                               existed ? "association.updated" : "association.created"));
  return a;
}

void AssociationService::drop(core::Tx& tx, const core::Actor& actor, const HostApp& h,
                              const std::string& app_id) {
  const auto a = association_repo::find(tx, h.id, app_id);
  if (!a) throw not_associated();
  association_repo::remove(tx, h.id, app_id);
  changes_.record(tx, actor, events::AssociationChanged{h.org_id, h.id, app_id, a->app_org_id, false},
                  change_entry(h.org_id, "host_app", h.id, summary_of(*a), nullptr, "association.deleted"));
}

}  // namespace cove::apps
