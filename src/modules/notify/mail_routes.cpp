// /api/v1/platform/mail-settings and /api/v1/platform/mail-log: the operators' SMTP settings,
// a test send and the log of outgoing mail (never a body).
#include <cctype>

#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/notify/notification_kinds.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;

// Host names and literal addresses: letters, digits, dots, hyphens, colons (IPv6), brackets.
bool valid_host(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  for (const char c : host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return false;
  }
  return true;
}

// A plain address: one @, no spaces, no angle brackets or line breaks (it goes into SMTP commands).
bool valid_address(const std::string& a) {
  const auto at = a.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string::npos)
    return false;
  for (const unsigned char c : a) {
    if (c <= 0x20 || c == '<' || c == '>' || c == ',' || c == ';' || c == 0x7f) return false;
  }
  return a.size() <= 254;
}

MailSettingsChange read_settings(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  MailSettingsChange c;
  c.host = in.required_string("host", {.min_chars = 1, .max_chars = 253});
  if (!c.host.empty() && !valid_host(c.host)) in.add_error("host", "invalid", "Give a host name or an IP address");
  c.port = in.required_int("port", 1, 65535);
  c.security = in.required_string("security", {.min_chars = 1, .max_chars = 10});
  if (!c.security.empty() && c.security != "none" && c.security != "starttls" && c.security != "tls")
    in.add_error("security", "unknown_value", "Use none, starttls or tls");
  c.username = in.optional_string("username", {.min_chars = 0, .max_chars = 254}).value_or("");
  c.password = in.optional_string("password", {.min_chars = 0, .max_chars = 512});
  c.from_address = in.required_string("fromAddress", {.min_chars = 3, .max_chars = 254});
  if (!c.from_address.empty() && !valid_address(c.from_address))
    in.add_error("fromAddress", "invalid_email", "Give one e-mail address, as noreply@example.com");
  c.from_name = in.optional_string("fromName", {.min_chars = 0, .max_chars = 100}).value_or("");
  in.finish();
  return c;
}

}  // namespace

void mount_mail_routes(http::Router& router, const NotifyServices& s) {
  MailService* mail = &s.mail;
  auto platform = router.group("/api/v1/platform");

  platform.get("/mail-settings", [mail](http::Request&) { return http::Response::json(200, to_json(mail->settings())); })
      .permission("platform:settings");

  platform
      .put("/mail-settings",
           [mail](http::Request& req) {
             const auto change = read_settings(req);
             return http::Response::json(200, to_json(mail->update(req.actor(), change)));
           })
      .permission("platform:settings")
      .body_limit(kBodyLimit);

  // Waits for the SMTP server's answer (at most mail.smtp.timeoutSeconds): on the worker pool.
  platform
      .post("/mail-settings/test",
            [mail](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto to = in.required_string("to", {.min_chars = 3, .max_chars = 254});
              if (!to.empty() && !valid_address(to)) in.add_error("to", "invalid_email", "Give one e-mail address");
              auto language = in.optional_string("language", {.min_chars = 1, .max_chars = 10}).value_or("zh-CN");
              if (!is_language(language)) in.add_error("language", "unknown_value", "Use zh-CN or en-US");
              in.finish();
              const auto outcome = mail->send_test(req.actor(), to, language);
              return http::Response::json(200, {{"sent", outcome.kind == SmtpOutcome::Kind::kSent},
                                                {"code", outcome.code},
                                                {"reply", outcome.reply}});
            })
      .permission("platform:settings")
      .body_limit(kBodyLimit)
      .blocking();

  platform
      .get("/mail-log",
           [mail](http::Request& req) {
             http::QueryInput q(req);
             const auto state = q.one_of("state", {"queued", "sent", "failed"});
             const auto page = q.page();
             q.finish();
             return http::Response::json(
                 200, http::page_json(mail->log(state, page), page,
                                      [](const MailMessage& m) { return core::PageKey{m.created_ms, m.id}; },
                                      [](const MailMessage& m) { return to_json(m); }));
           })
      .permission("platform:settings");
}

}  // namespace cove::notify
