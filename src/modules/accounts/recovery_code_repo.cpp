#include "modules/accounts/recovery_code_repo.hpp"

namespace cove::accounts::recovery_code_repo {

void replace(core::Tx& tx, const std::string& user_id, const std::vector<std::string>& code_hashes) {
  delete_all(tx, user_id);
  auto& st = tx.prepare("INSERT INTO recovery_codes(user_id, code_hash) VALUES(?, ?)");
  for (const auto& hash : code_hashes) {
    st.reset();
    st.bind(1, user_id);
    st.bind(2, hash);
    st.exec();
  }
}

bool use(core::Tx& tx, const std::string& user_id, const std::string& code_hash, std::int64_t now_ms) {
  auto& st = tx.prepare(
      "UPDATE recovery_codes SET used_ms = ? WHERE user_id = ? AND code_hash = ? AND used_ms IS NULL");
  st.bind(1, now_ms);
  st.bind(2, user_id);
  st.bind(3, code_hash);
  return st.exec() > 0;
}

void delete_all(core::Tx& tx, const std::string& user_id) {
  auto& st = tx.prepare("DELETE FROM recovery_codes WHERE user_id = ?");
  st.bind(1, user_id);
  st.exec();
}

}  // namespace cove::accounts::recovery_code_repo
