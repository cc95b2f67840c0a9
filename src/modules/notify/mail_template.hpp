#pragma once
// The e-mails Cove writes, in zh-CN or en-US (the recipient's language): a notification, a test
// message, a password-reset link. Each has a plain-text and an HTML part; every value put into the
// HTML is escaped.
#include <string>

namespace cove::notify {

struct MailText {
  std::string subject, text, html;
};

// `link`: an absolute URL, or "" when the server has no public URL configured.
MailText notification_mail(const std::string& language, const std::string& product, const std::string& title,
                           const std::string& body, const std::string& link);
MailText test_mail(const std::string& language, const std::string& product);
MailText password_reset_mail(const std::string& language, const std::string& product, const std::string& link,
                             int minutes);

MailText invitation_mail(const std::string& language, const std::string& product, const std::string& org,
                         const std::string& inviter, const std::string& role, const std::string& link);

std::string html_escape(const std::string& s);

}  // namespace cove::notify
