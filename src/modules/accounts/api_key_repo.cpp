#include "modules/accounts/api_key_repo.hpp"

#include <nlohmann/json.hpp>

namespace cove::accounts::api_key_repo {

namespace {

constexpr const char* kSelect =
    "SELECT k.id, k.org_id, k.name, k.prefix, k.scopes, k.allowed_ips, k.created_by, COALESCE(u.name, ''), "
    "k.created_ms, k.expires_ms, k.revoked_ms, k.last_used_ms, k.last_used_ip, k.previous_until_ms "
    "FROM api_keys k LEFT JOIN users u ON u.id = k.created_by ";

std::vector<std::string> string_list(const std::string& text) {
  std::vector<std::string> out;
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& v : doc) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

template <class T>
std::optional<T> optional_column(const SQLite::Column& col) {
  if (col.isNull()) return std::nullopt;
  if constexpr (std::is_same_v<T, std::string>) {
    return col.getString();
  } else {
    return col.getInt64();
  }
}

ApiKey read_key(SQLite::Statement& st) {
  ApiKey k;
  k.id = st.getColumn(0).getString();
  k.org_id = st.getColumn(1).getString();
  k.name = st.getColumn(2).getString();
  k.prefix = st.getColumn(3).getString();
  k.scopes = string_list(st.getColumn(4).getString());
  k.allowed_ips = string_list(st.getColumn(5).getString());
  k.created_by = st.getColumn(6).getString();
  k.created_by_name = st.getColumn(7).getString();
  k.created_ms = st.getColumn(8).getInt64();
  k.expires_ms = st.getColumn(9).getInt64();
  k.revoked_ms = optional_column<std::int64_t>(st.getColumn(10));
  k.last_used_ms = optional_column<std::int64_t>(st.getColumn(11));
  k.last_used_ip = optional_column<std::string>(st.getColumn(12));
  k.previous_until_ms = optional_column<std::int64_t>(st.getColumn(13));
  return k;
}

// The status filter as SQL over ?2 = now; one of a fixed set, so statements stay cacheable.
const char* status_condition(const std::optional<std::string>& status) {
  if (!status) return "";
  if (*status == "active") return "AND k.revoked_ms IS NULL AND k.expires_ms > ?2 ";
  if (*status == "expired") return "AND k.revoked_ms IS NULL AND k.expires_ms <= ?2 ";
  return "AND k.revoked_ms IS NOT NULL ";
}

}  // namespace

void insert(core::Tx& tx, const ApiKey& key, const std::string& secret_hash) {
  auto& st = tx.prepare(
      "INSERT INTO api_keys(id, org_id, name, prefix, secret_hash, scopes, allowed_ips, created_by, "
      "created_ms, "
      "expires_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, key.id);
  st.bind(2, key.org_id);
  st.bind(3, key.name);
  st.bind(4, key.prefix);
  st.bind(5, secret_hash);
  st.bind(6, nlohmann::json(key.scopes).dump());
  st.bind(7, nlohmann::json(key.allowed_ips).dump());
  st.bind(8, key.created_by);
  st.bind(9, key.created_ms);
  st.bind(10, key.expires_ms);
  st.exec();
}

std::optional<ApiKey> find(core::Conn& c, const std::string& org_id, const std::string& key_id) {
  auto& st = c.prepare(std::string(kSelect) + "WHERE k.org_id = ? AND k.id = ?");
  st.bind(1, org_id);
  st.bind(2, key_id);
  if (!st.executeStep()) return std::nullopt;
  return read_key(st);
}

std::vector<ApiKey> list(core::Conn& c, const std::string& org_id, const ApiKeyListQuery& query,
                         std::int64_t now_ms) {
  // Keyset paging on (created_ms, id): stable while keys are added, and an index range scan.
  auto& st = c.prepare(std::string(kSelect) + "WHERE k.org_id = ?1 " + status_condition(query.status) +
                       "AND (?3 IS NULL OR k.created_ms < ?3 OR (k.created_ms = ?3 AND k.id < ?4)) "
                       "ORDER BY k.created_ms DESC, k.id DESC LIMIT ?5");
  st.bind(1, org_id);
  if (query.status && *query.status != "revoked") st.bind(2, now_ms);
  bind_page(st, 3, query.page);
  std::vector<ApiKey> out;
  while (st.executeStep()) out.push_back(read_key(st));
  return out;
}

std::int64_t count_active(core::Conn& c, const std::string& org_id, std::int64_t now_ms) {
  auto& st =
      c.prepare("SELECT count(*) FROM api_keys WHERE org_id = ? AND revoked_ms IS NULL AND expires_ms > ?");
  st.bind(1, org_id);
  st.bind(2, now_ms);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

void revoke(core::Tx& tx, const std::string& org_id, const std::string& key_id, std::int64_t now_ms) {
  auto& st =
      tx.prepare("UPDATE api_keys SET revoked_ms = ? WHERE org_id = ? AND id = ? AND revoked_ms IS NULL");
  st.bind(1, now_ms);
  st.bind(2, org_id);
  st.bind(3, key_id);
  st.exec();
}

void rotate(core::Tx& tx, const std::string& org_id, const std::string& key_id, const std::string& new_hash,
            const std::string& new_prefix, std::optional<std::int64_t> previous_until_ms) {
  // SET expressions read the row as it was, so previous_hash receives the outgoing secret's hash.
  auto& st = tx.prepare(
      "UPDATE api_keys SET previous_hash = CASE WHEN ?1 IS NULL THEN NULL ELSE secret_hash END, "
      "previous_until_ms = ?1, secret_hash = ?2, prefix = ?3 WHERE org_id = ?4 AND id = ?5");
  if (previous_until_ms) {
    st.bind(1, *previous_until_ms);
  } else {
    st.bind(1);
  }
  st.bind(2, new_hash);
  st.bind(3, new_prefix);
  st.bind(4, org_id);
  st.bind(5, key_id);
  st.exec();
}

}  // namespace cove::accounts::api_key_repo
