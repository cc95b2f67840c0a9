#pragma once
// What every part of the apps module shares. Built once by AppsModule.
#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/app_context.hpp"
#include "modules/apps/package_signer.hpp"

namespace cove::apps {

struct AppsContext {
  modules::AppContext& app;
  accounts::AccountsApi& accounts;
  const PackageSigner& signer;
  const core::SealedBox& sealed;  // host-app SDK secrets at rest
};

}  // namespace cove::apps
