#pragma once
// Host app ↔ mini-program associations; mounted by mount_host_app_routes.
#include "http/router.hpp"
#include "modules/apps/apps_context.hpp"

namespace cove::apps {

void mount_association_routes(http::Router& router, AppsContext& ctx);

}  // namespace cove::apps
