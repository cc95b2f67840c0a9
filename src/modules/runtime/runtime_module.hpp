#pragma once
// The runtime module (issue 4 "Runtime API", DESIGN.md §8): what host-app SDKs call on every
// launch. Serves from an in-memory catalog snapshot rebuilt when apps, versions, host apps,
// associations or organisations change (outbox events).
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/module.hpp"
#include "modules/runtime/catalog_store.hpp"
#include "modules/runtime/nonce_cache.hpp"
#include "modules/runtime/request_auth.hpp"
#include "modules/runtime/runtime_routes.hpp"

namespace cove::runtime {

class RuntimeModule final : public modules::Module {
 public:
  RuntimeModule(modules::AppContext& app, const accounts::AccountsApi& accounts, const apps::AppsApi& apps,
                const gray::GrayApi& gray);
  ~RuntimeModule() override;

  std::string_view name() const override { return "runtime"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& app) override;
  void stop() override;

  const CatalogStore& catalog() const { return *store_; }

 private:
  std::unique_ptr<CatalogStore> store_;
  std::unique_ptr<NonceCache> nonces_;
  std::unique_ptr<RequestAuth> auth_;
  std::unique_ptr<RuntimeContext> ctx_;
};

}  // namespace cove::runtime
