#include "modules/webhooks/webhook_model.hpp"

#include "core/clock.hpp"

namespace cove::webhooks {

namespace {

nlohmann::json time_or_null(std::int64_t ms) {
  return ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(core::format_rfc3339_millis(ms));
}

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace

nlohmann::json to_json(const Endpoint& e, const EndpointHealth& health) {
  auto headers = nlohmann::json::object();
  for (const auto& [name, value] : e.headers) headers[name] = value;
  nlohmann::json success_rate = nullptr;
  if (health.attempts > 0) {
    success_rate = static_cast<double>(health.succeeded) / static_cast<double>(health.attempts);
  }
  return {{"id", e.id},
          {"orgId", e.org_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.org_id)},
          {"url", e.url},
          {"description", e.description},
          {"events", e.events},
          {"appIds", e.app_ids},
          {"headers", headers},
          {"enabled", e.enabled},
          {"disabledReason", text_or_null(e.disabled_reason)},
          {"secretRotating", e.old_secret_until_ms != 0},
          {"oldSecretExpiresAt", time_or_null(e.old_secret_until_ms)},
          {"failingSince", time_or_null(e.failing_since_ms)},
          {"health",
           {{"attempts24h", health.attempts},
            {"successRate24h", success_rate},
            {"pending", health.pending},
            {"lastFailureAt", time_or_null(health.last_failure_ms)},
            {"lastFailure", text_or_null(health.last_failure)}}},
          {"createdAt", core::format_rfc3339_millis(e.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(e.updated_ms)}};
}

nlohmann::json to_json(const Message& m, bool with_body) {
  nlohmann::json out = {{"id", m.id},
                        {"endpointId", m.endpoint_id},
                        {"eventId", m.event_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(m.event_id)},
                        {"type", m.type},
                        {"appId", text_or_null(m.app_id)},
                        {"status", m.status},
                        {"attempts", m.attempts},
                        {"nextAttemptAt", m.status == "pending" ? time_or_null(m.next_attempt_ms) : nullptr},
                        {"lastStatus", m.last_status == 0 ? nlohmann::json(nullptr) : nlohmann::json(m.last_status)},
                        {"lastError", text_or_null(m.last_error)},
                        {"createdAt", core::format_rfc3339_millis(m.created_ms)},
                        {"updatedAt", core::format_rfc3339_millis(m.updated_ms)}};
  if (with_body) out["payload"] = nlohmann::json::parse(m.body, nullptr, false);
  return out;
}

nlohmann::json to_json(const Attempt& a) {
  return {{"id", a.id},
          {"trigger", a.trigger},
          {"status", a.status == 0 ? nlohmann::json(nullptr) : nlohmann::json(a.status)},
          {"error", text_or_null(a.error)},
          {"response", a.response},
          {"durationMs", a.duration_ms},
          {"createdAt", core::format_rfc3339_millis(a.created_ms)}};
}

nlohmann::json summary_of(const Endpoint& e) {
  auto header_names = nlohmann::json::array();
  for (const auto& h : e.headers) header_names.push_back(h.first);
  return {{"url", e.url},         {"events", e.events},   {"appIds", e.app_ids},
          {"headers", header_names}, {"enabled", e.enabled}, {"description", e.description}};
}

}  // namespace cove::webhooks
