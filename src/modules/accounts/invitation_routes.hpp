#pragma once
// Invitation routes, part of the members feature (mount_member_routes mounts them).
#include "http/router.hpp"
#include "modules/accounts/accounts_context.hpp"

namespace cove::accounts {

void mount_invitation_routes(http::Router& router, AccountsContext& ctx);

}  // namespace cove::accounts
