#include "modules/accounts/session_model.hpp"

#include "core/clock.hpp"

namespace cove::accounts {

nlohmann::json to_json(const Session& s, std::string_view current_session_id) {
  return {{"id", s.id},
          {"userAgent", s.user_agent},
          {"ip", s.ip},
          {"createdAt", core::format_rfc3339_millis(s.created_ms)},
          {"lastUsedAt", core::format_rfc3339_millis(s.last_used_ms)},
          {"expiresAt", core::format_rfc3339_millis(s.expires_ms)},
          {"current", s.id == current_session_id}};
}

}  // namespace cove::accounts
