#pragma once
// What every part of the accounts module shares. Built once by AccountsModule.
#include <memory>

#include "core/password.hpp"
#include "core/sealed_box.hpp"
#include "modules/accounts/identity.hpp"
#include "modules/accounts/quota_service.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/app_context.hpp"

#include "modules/accounts/setup_link.hpp"

namespace cove::accounts {

struct AccountsContext {
  modules::AppContext& app;
  SettingsService& settings;
  QuotaService& quotas;
  Identity& identity;
  const core::SealedBox& sealed;  // TOTP seeds at rest
  core::password::Cost password_cost;
  SetupLink& setup;  // the first-run setup link (setup_link.hpp)
};

}  // namespace cove::accounts
