#pragma once
#include "core/blob_store.hpp"
#include "core/clock.hpp"
#include "core/snapshot_store.hpp"
#include "http/router.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/runtime/catalog.hpp"

namespace cove::runtime {

// What the runtime routes use. Built once by RuntimeModule.
struct RuntimeServices {
  const apps::AppsApi& apps;  // SDK request authentication, package signing key
  const core::SnapshotStore<Catalog>& catalog;
  const core::BlobStore& blobs;
  const core::Clock& clock;
};

void mount_runtime_routes(http::Router& router, const RuntimeServices& s);
// /runtime/v1/articles: the notify module's published articles (article_routes.cpp).
void mount_article_routes(http::Router& router, const RuntimeServices& s);

}  // namespace cove::runtime
