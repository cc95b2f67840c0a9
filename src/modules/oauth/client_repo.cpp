#include "modules/oauth/client_repo.hpp"

#include <algorithm>

namespace cove::oauth {

std::vector<std::string> Client::grantable_scopes() const {
  std::vector<std::string> out;
  for (const auto& s : scopes) {
    if (std::find(allowed_scopes.begin(), allowed_scopes.end(), s) != allowed_scopes.end()) out.push_back(s);
  }
  return out;
}

namespace client_repo {

void read_row(core::Row& r, Client& c) {
  std::optional<std::int64_t> secret_created;
  r.read(c.app_id, c.org_id, c.enabled, c.redirect_uris, c.scopes, c.allowed_scopes, c.secret_hash, secret_created,
         c.updated_ms);
  c.secret_created_ms = secret_created.value_or(0);
  c.stored = true;
}

std::optional<Client> find(core::Conn& c, const std::string& app_id) {
  return c.query_one<Client>(
      "SELECT app_id, org_id, enabled, redirect_uris, scopes, allowed_scopes, secret_hash, secret_created_ms, "
      "updated_ms FROM oauth_clients WHERE app_id = ?",
      app_id);
}

void upsert(core::Tx& tx, const Client& c) {
  tx.exec(
      "INSERT INTO oauth_clients(app_id, org_id, enabled, redirect_uris, scopes, allowed_scopes, secret_hash, "
      "secret_created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(app_id) DO UPDATE SET "
      "enabled = excluded.enabled, redirect_uris = excluded.redirect_uris, scopes = excluded.scopes, "
      "allowed_scopes = excluded.allowed_scopes, secret_hash = excluded.secret_hash, "
      "secret_created_ms = excluded.secret_created_ms, updated_ms = excluded.updated_ms",
      c.app_id, c.org_id, c.enabled, nlohmann::json(c.redirect_uris), nlohmann::json(c.scopes),
      nlohmann::json(c.allowed_scopes), core::null_if_empty(c.secret_hash), core::null_if_zero(c.secret_created_ms),
      c.updated_ms);
}

std::int64_t active_authorizations(core::Conn& c, const std::string& app_id) {
  return c.query_value<std::int64_t>(
      "SELECT count(*) FROM oauth_authorizations WHERE app_id = ? AND revoked_ms IS NULL", app_id);
}

}  // namespace client_repo

}  // namespace cove::oauth
