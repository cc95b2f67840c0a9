#pragma once
// Every service of the accounts module, each built once, in the order they depend on one another.
// AccountsModule owns the one instance; each route group takes the services it calls from it.
// Each service is constructed with what it uses (DESIGN.md §3), so a test builds one alone.
#include <string>

#include "core/sealed_box.hpp"
#include "modules/accounts/api_key_service.hpp"
#include "modules/accounts/auth_service.hpp"
#include "modules/accounts/branding_service.hpp"
#include "modules/accounts/identity.hpp"
#include "modules/accounts/invitation_service.hpp"
#include "modules/accounts/lockout.hpp"
#include "modules/accounts/member_service.hpp"
#include "modules/accounts/operation_log_service.hpp"
#include "modules/accounts/operator_service.hpp"
#include "modules/accounts/org_service.hpp"
#include "modules/accounts/password_service.hpp"
#include "modules/accounts/profile_service.hpp"
#include "modules/accounts/quota_service.hpp"
#include "modules/accounts/session_service.hpp"
#include "modules/accounts/settings_service.hpp"
#include "modules/accounts/setup_link.hpp"
#include "modules/accounts/totp_service.hpp"
#include "modules/app_context.hpp"

namespace cove::accounts {

struct AccountsServices {
  explicit AccountsServices(modules::AppContext& app);
  AccountsServices(const AccountsServices&) = delete;
  AccountsServices& operator=(const AccountsServices&) = delete;

  core::SealedBox sealed;  // TOTP seeds at rest
  SettingsService settings;
  QuotaService quotas;
  Identity identity;
  SetupLink setup;  // the first-run setup link
  LoginLockout lockout;
  SessionService sessions;
  TotpService totp;
  AuthService auth;
  PasswordService passwords;
  ProfileService profile;
  OperatorService operators;
  OrgService orgs;
  MemberService members;
  InvitationService invitations;
  ApiKeyService api_keys;
  BrandingService branding;
  OperationLogService operation_log;
  // http.publicUrl: the address links in answers point at ("" = the host a request was sent to).
  std::string public_url;
};

}  // namespace cove::accounts
