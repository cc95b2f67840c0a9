#pragma once
// Route groups of the accounts module, one function per feature (PocketBase's bindXxxApi), each
// in its own <feature>_routes.cpp. AccountsModule::register_routes calls them in order. Handlers
// keep references into `services`, which the module owns for as long as the server runs.
#include "http/router.hpp"
#include "modules/accounts/accounts_services.hpp"

namespace cove::accounts {

void mount_auth_routes(http::Router& router, AccountsServices& services);          // sign-in, refresh, 2FA, password
void mount_me_routes(http::Router& router, AccountsServices& services);            // profile, orgs, sessions
void mount_operator_routes(http::Router& router, AccountsServices& services);      // platform operators
void mount_setup_routes(http::Router& router, AccountsServices& services);         // the first-run setup link
void mount_api_key_routes(http::Router& router, AccountsServices& services);       // API keys
void mount_org_routes(http::Router& router, AccountsServices& services);           // register, get, update
void mount_member_routes(http::Router& router, AccountsServices& services);        // members
void mount_invitation_routes(http::Router& router, AccountsServices& services);    // invitations
void mount_platform_org_routes(http::Router& router, AccountsServices& services);  // review queue, decisions, quotas
void mount_operation_log_routes(http::Router& router, AccountsServices& services);  // operation log, export, verify
void mount_settings_routes(http::Router& router, AccountsServices& services);      // security, quotas, branding

}  // namespace cove::accounts
