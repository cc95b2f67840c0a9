#include "modules/accounts/invitation_model.hpp"

#include "core/clock.hpp"

namespace cove::accounts {

std::string invitation_status(const Invitation& inv, std::int64_t now_ms) {
  if (inv.accepted_ms) return "accepted";
  if (inv.revoked_ms) return "revoked";
  return inv.expires_ms > now_ms ? "pending" : "expired";
}

nlohmann::json to_json(const Invitation& inv, std::int64_t now_ms) {
  const auto time_or_null = [](const std::optional<std::int64_t>& ms) {
    return ms ? nlohmann::json(core::format_rfc3339_millis(*ms)) : nlohmann::json(nullptr);
  };
  return {{"id", inv.id},
          {"email", inv.email},
          {"role", inv.role},
          {"status", invitation_status(inv, now_ms)},
          {"invitedBy",
           {{"id", inv.invited_by},
            {"name",
             inv.invited_by_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(inv.invited_by_name)}}},
          {"createdAt", core::format_rfc3339_millis(inv.created_ms)},
          {"expiresAt", core::format_rfc3339_millis(inv.expires_ms)},
          {"acceptedAt", time_or_null(inv.accepted_ms)},
          {"revokedAt", time_or_null(inv.revoked_ms)}};
}

}  // namespace cove::accounts
