#pragma once
// SQL for OAuth client settings, one row per mini-program (oauth_clients).
#include <optional>
#include <string>

#include "core/db.hpp"
#include "modules/oauth/client_model.hpp"

namespace cove::oauth::client_repo {

void read_row(core::Row& r, Client& c);
std::optional<Client> find(core::Conn& c, const std::string& app_id);
void upsert(core::Tx& tx, const Client& client);
// Active (unrevoked) authorizations of a mini-program.
std::int64_t active_authorizations(core::Conn& c, const std::string& app_id);

}  // namespace cove::oauth::client_repo

namespace cove::oauth {
using client_repo::read_row;
}  // namespace cove::oauth
