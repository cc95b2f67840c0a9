#pragma once
// The row a service acts on, or the module's 404 (apps_api.hpp errors), so every route that
// names a missing — or another organisation's — mini-program, version or host app answers the
// same code and message.
#include <string>

#include "core/db.hpp"
#include "modules/apps/app_model.hpp"
#include "modules/apps/host_app_model.hpp"
#include "modules/apps/version_model.hpp"

namespace cove::apps {

App require_app(core::Conn& c, const std::string& org_id, const std::string& app_id);
Version require_version(core::Conn& c, const std::string& org_id, const std::string& app_id,
                        const std::string& version);
HostApp require_host_app(core::Conn& c, const std::string& org_id, const std::string& host_app_id);

}  // namespace cove::apps
