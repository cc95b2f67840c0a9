#pragma once
// A mini-program's OAuth client settings (issue 20): what the organisation configures (enabled,
// redirect URIs, requested scopes, the client secret) and what operators allow (allowed scopes).
#include <cstdint>
#include <string>
#include <vector>

namespace cove::oauth {

inline constexpr std::size_t kMaxRedirectUris = 10;
inline constexpr std::size_t kMaxRedirectUriChars = 512;

struct Client {
  std::string app_id;
  std::string org_id;
  bool enabled = false;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> scopes;                    // requested by the organisation
  std::vector<std::string> allowed_scopes{"basic"};   // allowed by operators
  std::string secret_hash;                            // "" until a secret is created
  std::int64_t secret_created_ms = 0;
  std::int64_t updated_ms = 0;
  bool stored = false;  // a row exists

  // What a token may carry: requested by the organisation and allowed by operators.
  std::vector<std::string> grantable_scopes() const;
};

}  // namespace cove::oauth
