#pragma once
// Route groups of the accounts module, one function per feature (PocketBase's bindXxxApi), each
// in its own <feature>_routes.cpp. AccountsModule::register_routes calls them in order.
#include "http/router.hpp"
#include "modules/accounts/accounts_context.hpp"

namespace cove::accounts {

void mount_auth_routes(http::Router& router, AccountsContext& ctx);       // sign-in, refresh, 2FA, password
void mount_me_routes(http::Router& router, AccountsContext& ctx);         // profile, orgs, sessions
void mount_operator_routes(http::Router& router, AccountsContext& ctx);   // platform operators
void mount_setup_routes(http::Router& router, AccountsContext& ctx);      // the first-run setup link
void mount_org_routes(http::Router& router, AccountsContext& ctx);        // register, get, update
void mount_member_routes(http::Router& router, AccountsContext& ctx);     // members, invitations
void mount_platform_org_routes(http::Router& router, AccountsContext& ctx);  // review queue, decisions, quotas
void mount_settings_routes(http::Router& router, AccountsContext& ctx);   // security, quotas, branding
void mount_api_key_routes(http::Router& router, AccountsContext& ctx);    // API keys

// Creates the first platform operator from COVE_ADMIN_EMAIL / COVE_ADMIN_PASSWORD when the
// platform has none (operator_service.cpp).
void ensure_first_operator(AccountsContext& ctx);

}  // namespace cove::accounts
