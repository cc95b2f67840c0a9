#pragma once
// E-mail: the SMTP settings (operators' console over the mail.* configuration defaults; the
// password sealed at rest), the queue a delivery writes into in its own transaction, the
// background sender (retries with exponential backoff on a 4xx reply or a connection failure,
// `failed` at once on a 5xx reply or after the last attempt, a cap per minute) and the log.
// A security mail's body is removed once it was sent or failed, so the log never shows it.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "core/sealed_box.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/notify/delivery_service.hpp"
#include "modules/notify/mail_model.hpp"
#include "modules/notify/mail_template.hpp"
#include "modules/notify/smtp_client.hpp"

namespace cove::notify {

struct MailOptions {
  std::string ca_file;
  std::chrono::seconds timeout{30};
  std::int64_t max_per_minute = 60;
  std::chrono::seconds retry_base{30};
  std::int64_t max_attempts = 6;
  std::string public_url;  // http.publicUrl: links in e-mails are absolute
};

// What an operator saves; an absent password keeps the stored one, "" removes it.
struct MailSettingsChange {
  std::string host;
  std::int64_t port = 25;
  std::string security;
  std::string username;
  std::optional<std::string> password;
  std::string from_address;
  std::string from_name;
};

// A mail to queue outside a notification (a password reset).
struct DirectMail {
  std::string user_id, to, kind;
  MailText text;
  bool security = false;
};

class MailService {
 public:
  MailService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const core::Config& config,
              const core::SealedBox& sealed, const accounts::AccountsApi& accounts, MailOptions options);

  MailSettings settings() const;
  MailSettings update(const core::Actor& actor, const MailSettingsChange& change);
  // Sends a test message now, with the saved settings (blocking); the outcome is also logged.
  // 409 notify.mail_not_configured without a host and a from address.
  SmtpOutcome send_test(const core::Actor& actor, const std::string& to, const std::string& language);

  // The delivery's e-mail, queued in the delivery's transaction (once per event and recipient).
  void enqueue(core::Tx& tx, const MailRequest& request);
  void enqueue(core::Tx& tx, const DirectMail& mail);
  // The sender job: sends what is due within the rate cap; returns how many it tried.
  int send_due();

  core::Page<MailMessage> log(const std::optional<std::string>& state, const core::PageRequest& page) const;
  const std::string& public_url() const { return options_.public_url; }

 private:
  SmtpServer server_of(const MailSettings& s) const;
  std::string message_for(const MailSettings& s, const std::string& to, const MailText& text) const;
  void finish_attempt(MailMessage m, const SmtpOutcome& outcome);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const core::Config& config_;
  const core::SealedBox& sealed_;
  const accounts::AccountsApi& accounts_;
  MailOptions options_;
};

}  // namespace cove::notify
