#pragma once
// The runtime module (issue 4 "Runtime API", DESIGN.md §8): what host-app SDKs call on every
// launch. Serves from an in-memory catalog snapshot built from the catalog sources the modules
// register, rebuilt when one of the topics they name is emitted.
#include <memory>

#include "core/snapshot_store.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/gray/gray_module.hpp"
#include "modules/module.hpp"
#include "modules/runtime/catalog.hpp"
#include "modules/runtime/runtime_routes.hpp"

namespace cove::runtime {

class RuntimeModule final : public modules::Module {
 public:
  RuntimeModule(modules::AppContext& app, const accounts::AccountsApi& accounts, const apps::AppsApi& apps);
  ~RuntimeModule() override;

  std::string_view name() const override { return "runtime"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& app) override;
  void stop() override;

  const core::SnapshotStore<Catalog>& catalog() const { return *store_; }

 private:
  const modules::CatalogSourceRegistry& sources_;
  std::unique_ptr<core::SnapshotStore<Catalog>> store_;
  std::unique_ptr<RuntimeServices> services_;
};

}  // namespace cove::runtime
