#pragma once
// "Forgot password" (忘记密码): a request e-mails a single-use link (256-bit token, stored as its
// SHA-256, valid kResetMinutes) to the account's address; the link sets a new password through
// the accounts module. A request answers the same whether or not the address has an account, so
// addresses cannot be probed; at most one mail per account a minute. Links are built on
// http.publicUrl only — never from the request's Host header, which an attacker could point at
// their own server to collect the token.
#include <string>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/notify/mail_service.hpp"

namespace cove::notify {

inline constexpr int kResetMinutes = 30;

struct ResetLinkInfo {
  std::string email;  // masked: "f•••@acme.example"
  std::int64_t expires_ms = 0;
};

class PasswordResetService {
 public:
  PasswordResetService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock,
                       accounts::AccountsApi& accounts, MailService& mail)
      : db_(db), changes_(changes), clock_(clock), accounts_(accounts), mail_(mail) {}

  // 409 notify.mail_not_configured when the platform cannot send the mail (no SMTP settings or no
  // http.publicUrl); otherwise the same answer for any address. `language` writes the mail.
  void request(const core::Actor& actor, const std::string& email, const std::string& language);
  // 404 notify.reset_link_not_found, 410 notify.reset_link_gone (used or expired).
  ResetLinkInfo inspect(const std::string& token) const;
  // Uses the link once and sets the password (400 at newPassword when the policy refuses it; the
  // link stays usable then).
  void complete(const core::Actor& actor, const std::string& token, const std::string& new_password);

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  accounts::AccountsApi& accounts_;
  MailService& mail_;
};

}  // namespace cove::notify
