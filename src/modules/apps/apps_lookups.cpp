#include "modules/apps/apps_lookups.hpp"

#include "modules/apps/app_repo.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/host_app_repo.hpp"
#include "modules/apps/version_repo.hpp"

namespace cove::apps {

App require_app(core::Conn& c, const std::string& org_id, const std::string& app_id) {
  auto a = app_repo::find(c, org_id, app_id);
  if (!a) throw errors::not_found();
  return std::move(*a);
}

Version require_version(core::Conn& c, const std::string& org_id, const std::string& app_id,
                        const std::string& version) {
  auto v = version_repo::find(c, org_id, app_id, version);
  if (!v) throw errors::version_not_found();
  return std::move(*v);
}

HostApp require_host_app(core::Conn& c, const std::string& org_id, const std::string& host_app_id) {
  auto h = host_app_repo::find(c, org_id, host_app_id);
  if (!h) throw errors::host_app_not_found();
  return std::move(*h);
}

}  // namespace cove::apps
