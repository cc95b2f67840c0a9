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

#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/apps/apps_context.hpp"
#include "modules/apps/host_app_model.hpp"

namespace cove::apps {

class AssociationService {
 public:
  explicit AssociationService(AppsContext& ctx) : ctx_(ctx) {}

  // 404 host_apps.not_found when the host app is not the organisation's.
  std::vector<Association> list(const std::string& org_id, const std::string& host_app_id,
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
  Association save(core::Tx& tx, const core::Actor& actor, const HostApp& h, Association a,
                   const GrantFields& grants, bool existed);
  void drop(core::Tx& tx, const core::Actor& actor, const HostApp& h, const std::string& app_id);

  AppsContext& ctx_;
};

}  // namespace cove::apps
