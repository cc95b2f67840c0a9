#pragma once
// SMTP settings and the queued messages that make up the mail log.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cove::notify {

struct MailSettings {
  std::string host;
  std::int64_t port = 25;
  std::string security = "none";  // none | starttls | tls
  std::string username;
  std::string password;  // in memory only; stored sealed, never answered
  std::string from_address;
  std::string from_name;
  std::string source = "config";  // "config" (the mail.* keys) or "console" (saved by an operator)
  std::int64_t updated_ms = 0;
  bool configured() const { return !host.empty() && !from_address.empty(); }
};

nlohmann::json to_json(const MailSettings& s);  // without the password: {passwordSet}

struct MailMessage {
  std::string id;  // mail_…
  std::optional<std::int64_t> event_id;
  std::string user_id;
  std::string kind;
  std::string to_address;
  std::string subject;
  std::string body;  // the MIME message ("" once removed)
  bool security = false;
  std::string state = "queued";  // queued | sent | failed
  std::int64_t attempts = 0;
  std::int64_t next_attempt_ms = 0;
  std::string last_reply;
  std::int64_t created_ms = 0;
  std::int64_t sent_ms = 0;
};

// For the operators' log: never a body (a security mail's would hold a reset link).
nlohmann::json to_json(const MailMessage& m);

}  // namespace cove::notify
