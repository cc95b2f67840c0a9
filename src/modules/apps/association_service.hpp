#pragma once
// Which mini-programs a host app may run, and which of its custom APIs and menus each may use
// (API与菜单管理).
//
// Rules:
// - An organisation associates its host apps with its own mini-programs only; naming another
//   organisation's mini-program answers 404 apps.not_found, exactly as an unknown id does.
// - Operators (platform:orgs) may associate across organisations; the row is marked cross_org.
// - The host app's organisation may change the grants of any association of its host app and
//   may always dissociate one, cross-organisation grants included: what runs inside its app is
//   its decision. It cannot create a cross-organisation association itself.
// - Grants must name custom APIs and menus the host app defines (400 otherwise).
// - Associating is an idempotent upsert: the same request again changes nothing.
#include <string>
#include <vector>

#include <optional>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/apps/host_app_model.hpp"

namespace cove::apps {

class AssociationService {
 public:
  AssociationService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock)
      : db_(db), changes_(changes), clock_(clock) {}

  // 404 host_apps.not_found when the host app is not the organisation's.
  core::Page<Association> list(const std::string& org_id, const std::string& host_app_id,
                                const core::PageRequest& page) const;
  Association associate(const core::Actor& actor, const std::string& org_id, const std::string& host_app_id,
                        const std::string& app_id, const GrantFields& grants);
  // 404 host_apps.not_associated when there is nothing to remove.
  void dissociate(const core::Actor& actor, const std::string& org_id, const std::string& host_app_id,
                  const std::string& app_id);

  // Operators: any host app with any mini-program.
  Association operator_associate(const core::Actor& actor, const std::string& host_app_id,
                                 const std::string& app_id, const GrantFields& grants);
  void operator_dissociate(const core::Actor& actor, const std::string& host_app_id,
                           const std::string& app_id);

 private:
  // Associates `app_id` with `h` (its grants only, when already associated). The mini-program is
  // looked up in `app_org_id`; nullopt means none may be associated (404 apps.not_found).
  Association upsert(core::Tx& tx, const core::Actor& actor, const HostApp& h, const std::string& app_id,
                     const std::optional<std::string>& app_org_id, const GrantFields& grants);
  Association save(core::Tx& tx, const core::Actor& actor, const HostApp& h, Association a,
                   const GrantFields& grants, bool existed);
  void drop(core::Tx& tx, const core::Actor& actor, const HostApp& h, const std::string& app_id);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
};

}  // namespace cove::apps
