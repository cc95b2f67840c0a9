#include "modules/accounts/recovery_code_repo.hpp"

namespace cove::accounts::recovery_code_repo {

void replace(core::Tx& tx, const std::string& user_id, const std::vector<std::string>& code_hashes) {
  delete_all(tx, user_id);
  for (const auto& hash : code_hashes) {
    tx.exec("INSERT INTO recovery_codes(user_id, code_hash) VALUES(?, ?)", user_id, hash);
  }
}

bool use(core::Tx& tx, const std::string& user_id, const std::string& code_hash, std::int64_t now_ms) {
  return tx.exec("UPDATE recovery_codes SET used_ms = ? WHERE user_id = ? AND code_hash = ? AND used_ms IS NULL",
                 now_ms, user_id, code_hash) > 0;
}

void delete_all(core::Tx& tx, const std::string& user_id) {
  tx.exec("DELETE FROM recovery_codes WHERE user_id = ?", user_id);
}

}  // namespace cove::accounts::recovery_code_repo
