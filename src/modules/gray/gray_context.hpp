#pragma once
// What every part of the gray module shares. Built once by GrayModule.
#include "modules/accounts/accounts_api.hpp"
#include "modules/app_context.hpp"
#include "modules/apps/apps_api.hpp"

namespace cove::gray {

struct GrayContext {
  modules::AppContext& app;
  accounts::AccountsApi& accounts;
  apps::AppsApi& apps;
};

}  // namespace cove::gray
