#pragma once
// What every part of the apps module shares. Built once by AppsModule.
#include <functional>
#include <string>
#include <vector>

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
  // Later modules that refer to versions (gray plans) refuse a deletion by throwing core::Error
  // inside the deleting transaction. Installed before serving; read-only afterwards.
  std::vector<std::function<void(core::Tx&, const std::string& org_id, const std::string& version_id)>>
      version_delete_guards = {};
};

}  // namespace cove::apps
