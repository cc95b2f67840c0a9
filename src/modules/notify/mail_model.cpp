#include "modules/notify/mail_model.hpp"

#include "core/clock.hpp"

namespace cove::notify {

namespace {
nlohmann::json time_or_null(std::int64_t ms) {
  return ms > 0 ? nlohmann::json(core::format_rfc3339_millis(ms)) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const MailSettings& s) {
  return {{"host", s.host},
          {"port", s.port},
          {"security", s.security},
          {"username", s.username},
          {"passwordSet", !s.password.empty()},
          {"fromAddress", s.from_address},
          {"fromName", s.from_name},
          {"configured", s.configured()},
          {"source", s.source},
          {"updatedAt", time_or_null(s.updated_ms)}};
}

nlohmann::json to_json(const MailMessage& m) {
  return {{"id", m.id},
          {"kind", m.kind},
          {"to", m.to_address},
          {"subject", m.subject},
          {"security", m.security},
          {"state", m.state},
          {"attempts", m.attempts},
          {"nextAttemptAt", m.state == "queued" ? time_or_null(m.next_attempt_ms) : nlohmann::json(nullptr)},
          {"lastReply", m.last_reply},
          {"createdAt", core::format_rfc3339_millis(m.created_ms)},
          {"sentAt", time_or_null(m.sent_ms)}};
}

}  // namespace cove::notify
