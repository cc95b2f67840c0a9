#pragma once
// SQL behind identity (identity.hpp): what a signed-in user or an API key is allowed, read in as
// few statements as the request path can afford. No rules here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"

namespace cove::accounts::identity_repo {

// The parts of a user row that decide what they may do.
struct UserRow {
  std::string name;
  std::string platform_role;
  std::string status;
  bool must_change_password = false;
  std::int64_t password_changed_ms = 0;
  bool has_2fa = false;
};
void read_row(core::Row& r, UserRow& u);

// A membership with its organisation's status and whether the organisation requires 2FA (its own
// choice or an operator's).
struct MembershipRow {
  std::string org_id;
  std::string role;
  std::string org_status;
  bool org_requires_2fa = false;
};
void read_row(core::Row& r, MembershipRow& m);

// An API key that authenticates now, with its creator's current role in the key's organisation
// ("" when the creator is no active member there).
struct KeyRow {
  std::string id, org_id, name, org_status, creator_role;
  std::string scopes, allowed_ips;  // stored JSON arrays
  std::int64_t expires_ms = 0;
  std::optional<std::int64_t> grace_until_ms;  // set when the secret is the rotated-out one
};
void read_row(core::Row& r, KeyRow& k);

// When the session ends, if it is the user's and live at `now_ms`.
std::optional<std::int64_t> live_session_expiry(core::Conn& c, const std::string& session_id,
                                                const std::string& user_id, std::int64_t now_ms);
std::optional<UserRow> find_user(core::Conn& c, const std::string& user_id);
std::vector<MembershipRow> memberships(core::Conn& c, const std::string& user_id);
// The unrevoked, unexpired key whose current secret, or rotated-out secret still in its grace
// period, hashes to `secret_hash`.
std::optional<KeyRow> find_key(core::Conn& c, const std::string& secret_hash, std::int64_t now_ms);

}  // namespace cove::accounts::identity_repo
