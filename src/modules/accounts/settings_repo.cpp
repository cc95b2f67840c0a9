#include "modules/accounts/settings_repo.hpp"

namespace cove::accounts::settings_repo {

nlohmann::json load(core::Conn& c, const std::string& key) {
  const auto text = c.query_one<std::string>("SELECT value FROM settings WHERE key = ?", key);
  if (!text) return nlohmann::json::object();
  return nlohmann::json::parse(*text, nullptr, false);
}

void store(core::Tx& tx, const std::string& key, const nlohmann::json& value, std::int64_t now_ms,
           const std::string& updated_by) {
  tx.exec(
      "INSERT INTO settings(key, value, updated_ms, updated_by) VALUES(?, ?, ?, ?) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms, "
      "updated_by = excluded.updated_by",
      key, value, now_ms, updated_by);
}

bool branding_references(core::Conn& c, const std::string& sha256) {
  return c.query_one<int>("SELECT 1 FROM settings WHERE key = 'branding' AND instr(value, ?) > 0", sha256)
      .has_value();
}

}  // namespace cove::accounts::settings_repo
