#pragma once
#include "http/router.hpp"
#include "modules/app_context.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/runtime/catalog_store.hpp"
#include "modules/runtime/request_auth.hpp"

namespace cove::runtime {

// What the runtime routes share. Built once by RuntimeModule.
struct RuntimeContext {
  modules::AppContext& app;
  const apps::AppsApi& apps;
  CatalogStore& store;
  const RequestAuth& auth;
};

void mount_runtime_routes(http::Router& router, RuntimeContext& ctx);

}  // namespace cove::runtime
