#pragma once
// An invitation to join an organisation: a single-use, expiring link for one email address and
// role. Only the SHA-256 of its token is stored; the token itself is shown once, to the inviter.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cove::accounts {

struct Invitation {
  std::string id;
  std::string org_id;
  std::string email;
  std::string role;  // admin | developer | viewer (owners are promoted, never invited)
  std::string invited_by;
  std::string invited_by_name;  // "" when the inviter no longer exists (or was an API key)
  std::int64_t expires_ms = 0;
  std::optional<std::int64_t> accepted_ms;
  std::string accepted_by;
  std::optional<std::int64_t> revoked_ms;
  std::int64_t created_ms = 0;
};

// pending | accepted | revoked | expired, as of `now_ms`.
std::string invitation_status(const Invitation& inv, std::int64_t now_ms);
nlohmann::json to_json(const Invitation& inv, std::int64_t now_ms);

}  // namespace cove::accounts
