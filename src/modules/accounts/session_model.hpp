#pragma once
// A sign-in session: one device's chain of refresh tokens (see migrations/0004 `sessions`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cove::accounts {

struct Session {
  std::string id;
  std::string user_id;
  std::int64_t created_ms = 0;
  std::int64_t last_used_ms = 0;
  std::int64_t expires_ms = 0;  // absolute end of the refresh chain
  std::optional<std::int64_t> revoked_ms;
  std::string ip;          // of the latest sign-in or refresh
  std::string user_agent;  // the device, as its browser describes itself

  bool active_at(std::int64_t now_ms) const { return !revoked_ms && expires_ms > now_ms; }
};

// {id, userAgent, ip, createdAt, lastUsedAt, expiresAt, current}
nlohmann::json to_json(const Session& s, std::string_view current_session_id);

}  // namespace cove::accounts
