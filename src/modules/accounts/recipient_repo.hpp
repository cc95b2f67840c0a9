#pragma once
// Who may be told about a change (AccountsApi's recipients): active accounts by organisation role
// or platform role. SQL only.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/accounts/accounts_api.hpp"

namespace cove::accounts::recipient_repo {

std::vector<Recipient> by_org_roles(core::Conn& c, const std::string& org_id, const std::vector<std::string>& roles);
std::vector<Recipient> by_platform_roles(core::Conn& c, const std::vector<std::string>& roles);
std::optional<Recipient> find(core::Conn& c, const std::string& user_id);
std::optional<Recipient> find_by_email(core::Conn& c, const std::string& email);

}  // namespace cove::accounts::recipient_repo
