#include "modules/accounts/api_key_repo.hpp"

#include <nlohmann/json.hpp>

namespace cove::accounts::api_key_repo {

void read_row(core::Row& r, ApiKey& k) {
  r.read(k.id, k.org_id, k.name, k.prefix, k.scopes, k.allowed_ips, k.created_by, k.created_by_name, k.created_ms,
         k.expires_ms, k.revoked_ms, k.last_used_ms, k.last_used_ip, k.previous_until_ms);
}

namespace {

const std::string kColumns =
    "SELECT k.id, k.org_id, k.name, k.prefix, k.scopes, k.allowed_ips, k.created_by, COALESCE(u.name, ''), "
    "k.created_ms, k.expires_ms, k.revoked_ms, k.last_used_ms, k.last_used_ip, k.previous_until_ms";
const std::string kSelect = kColumns + " FROM api_keys k LEFT JOIN users u ON u.id = k.created_by ";

}  // namespace

void insert(core::Tx& tx, const ApiKey& key, const std::string& secret_hash) {
  tx.exec(
      "INSERT INTO api_keys(id, org_id, name, prefix, secret_hash, scopes, allowed_ips, created_by, created_ms, "
      "expires_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      key.id, key.org_id, key.name, key.prefix, secret_hash, nlohmann::json(key.scopes),
      nlohmann::json(key.allowed_ips), key.created_by, key.created_ms, key.expires_ms);
}

std::optional<ApiKey> find(core::Conn& c, const std::string& org_id, const std::string& key_id) {
  return c.query_one<ApiKey>(kSelect + "WHERE k.org_id = ? AND k.id = ?", org_id, key_id);
}

core::Page<ApiKey> list(core::Conn& c, const std::string& org_id, const ApiKeyListQuery& query,
                        std::int64_t now_ms) {
  // One statement text per status (a fixed set), so statements stay cacheable.
  std::string where = "FROM api_keys k LEFT JOIN users u ON u.id = k.created_by WHERE k.org_id = ?";
  core::SqlArgs args;
  args.add(org_id);
  if (query.status == "active") {
    where += " AND k.revoked_ms IS NULL AND k.expires_ms > ?";
    args.add(now_ms);
  } else if (query.status == "expired") {
    where += " AND k.revoked_ms IS NULL AND k.expires_ms <= ?";
    args.add(now_ms);
  } else if (query.status == "revoked") {
    where += " AND k.revoked_ms IS NOT NULL";
  }
  // Keyset paging on (created_ms, id): stable while keys are added, and an index range scan.
  return c.query_page<ApiKey>(kColumns, where,
                              core::newest_first_page_sql("k.", static_cast<int>(args.values().size()) + 1),
                              query.page, args);
}

std::int64_t count_active(core::Conn& c, const std::string& org_id, std::int64_t now_ms) {
  return c.query_value<std::int64_t>(
      "SELECT count(*) FROM api_keys WHERE org_id = ? AND revoked_ms IS NULL AND expires_ms > ?", org_id, now_ms);
}

void record_use(core::Tx& tx, const std::string& key_id, std::int64_t now_ms, const std::string& ip) {
  tx.exec("UPDATE api_keys SET last_used_ms = ?, last_used_ip = ? WHERE id = ?", now_ms, ip, key_id);
}

void revoke(core::Tx& tx, const std::string& org_id, const std::string& key_id, std::int64_t now_ms) {
  tx.exec("UPDATE api_keys SET revoked_ms = ? WHERE org_id = ? AND id = ? AND revoked_ms IS NULL", now_ms, org_id,
          key_id);
}

void rotate(core::Tx& tx, const std::string& org_id, const std::string& key_id, const std::string& new_hash,
            const std::string& new_prefix, std::optional<std::int64_t> previous_until_ms) {
  // SET expressions read the row as it was, so previous_hash receives the outgoing secret's hash.
  tx.exec(
      "UPDATE api_keys SET previous_hash = CASE WHEN ?1 IS NULL THEN NULL ELSE secret_hash END, "
      "previous_until_ms = ?1, secret_hash = ?2, prefix = ?3 WHERE org_id = ?4 AND id = ?5",
      previous_until_ms, new_hash, new_prefix, org_id, key_id);
}

}  // namespace cove::accounts::api_key_repo
