#pragma once
// The scopes a mini-program may ask for (issue 20) and the texts the host app's consent sheet
// shows. `basic` is uid and wallet address; `phone` and `email` are only released when the host
// app marks them confirmed; the tx.* and assets.* scopes are recorded and carried in tokens for
// the wallet's own services to enforce.
#include <string>
#include <string_view>
#include <vector>

namespace cove::oauth {

struct ScopeInfo {
  std::string_view name;
  std::string_view zh_cn;
  std::string_view en_us;
};

const std::vector<ScopeInfo>& scope_catalog();
const ScopeInfo* find_scope(std::string_view name);

// Splits a space-delimited scope parameter (RFC 6749 §3.3); empty tokens from repeated spaces are
// dropped, duplicates removed, order kept. Returns false when a token is not a known scope or
// there are more than the catalogue holds.
bool parse_scope_list(std::string_view text, std::vector<std::string>& out);
std::string join_scopes(const std::vector<std::string>& scopes);
// Whether every entry of `want` is in `have`.
bool scopes_within(const std::vector<std::string>& want, const std::vector<std::string>& have);

}  // namespace cove::oauth
