#pragma once
// Users' authorizations and the token families (grants) issued under them (issue 20).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::oauth {

// The user as the host app vouched for them (X-Cove-User), cut down to what the scopes release.
struct VouchedUser {
  std::string uid;
  std::string wallet_address;
  std::string phone;
  std::string email;
  bool phone_confirmed = false;
  bool email_confirmed = false;
};

// A consent: this host app's user let this mini-program have these scopes.
struct Authorization {
  std::string id;  // oaz_…
  std::string app_id;
  std::string org_id;
  std::string host_app_id;
  std::string uid;
  std::vector<std::string> scopes;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t last_used_ms = 0;
  std::int64_t revoked_ms = 0;
};

// A token family with its authorization's state, as the token endpoints check it.
struct Grant {
  std::string id;  // ogr_…
  std::string authorization_id;
  std::string app_id;
  std::vector<std::string> scopes;
  nlohmann::json claims;  // the user's released claims (userinfo)
  std::int64_t revoked_ms = 0;
  std::string host_app_id;
  std::string uid;
  std::int64_t authorization_revoked_ms = 0;
  bool live() const { return revoked_ms == 0 && authorization_revoked_ms == 0; }
};

struct CodeRecord {
  std::string grant_id;
  std::string redirect_uri;
  std::string code_challenge;
  std::int64_t expires_ms = 0;
  std::int64_t used_ms = 0;
};

struct RefreshRecord {
  std::string grant_id;
  std::int64_t expires_ms = 0;
  std::int64_t used_ms = 0;
};

}  // namespace cove::oauth
