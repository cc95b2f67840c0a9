#include "modules/notify/mail_service.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "modules/notify/mail_repo.hpp"
#include "modules/notify/mime_message.hpp"

namespace cove::notify {

namespace {

// Messages are built at queue time: the settings' from address then, the recipient's language.
constexpr int kBatch = 20;

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string("cove.local") : address.substr(at + 1);
}

}  // namespace

MailService::MailService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const core::Config& config,
                         const core::SealedBox& sealed, const accounts::AccountsApi& accounts, MailOptions options)
    : db_(db),
      changes_(changes),
      clock_(clock),
      config_(config),
      sealed_(sealed),
      accounts_(accounts),
      options_(std::move(options)) {}

MailSettings MailService::settings() const {
  const auto stored = db_.read([](core::Conn& c) { return mail_repo::settings(c); });
  if (!stored) {
    MailSettings s;
    s.host = config_.text("mail.smtp.host");
    s.port = config_.integer("mail.smtp.port");
    s.security = config_.text("mail.smtp.security");
    s.username = config_.text("mail.smtp.user");
    s.password = config_.text("mail.smtp.password");
    s.from_address = config_.text("mail.from");
    return s;
  }
  auto s = stored->settings;
  if (stored->password_sealed) s.password = sealed_.open(*stored->password_sealed).value_or("");
  return s;
}

MailSettings MailService::update(const core::Actor& actor, const MailSettingsChange& change) {
  const auto before = settings();
  MailSettings s;
  s.host = change.host;
  s.port = change.port;
  s.security = change.security;
  s.username = change.username;
  s.password = change.password.value_or(before.password);
  s.from_address = change.from_address;
  s.from_name = change.from_name;
  s.updated_ms = clock_.unix_millis();
  s.source = "console";
  const auto sealed = s.password.empty() ? std::nullopt : std::optional<std::string>(sealed_.seal(s.password));
  db_.write([&](core::Tx& tx) {
    mail_repo::save_settings(tx, s, sealed, actor.principal->id);
    auto summary = [](const MailSettings& x) {
      auto j = to_json(x);
      j.erase("updatedAt");
      j.erase("configured");
      return j;
    };
    changes_.record(tx, actor,
                    {.action = "mail_settings.updated",
                     .target_type = "mail_settings",
                     .target_id = "smtp",
                     .before = summary(before),
                     .after = summary(s)});
  });
  return s;
}

SmtpServer MailService::server_of(const MailSettings& s) const {
  return {s.host, static_cast<int>(s.port), s.security, s.username, s.password, options_.ca_file, options_.timeout};
}

std::string MailService::message_for(const MailSettings& s, const std::string& to, const MailText& text) const {
  MailContent content{.from = s.from_address,
                      .from_name = s.from_name.empty() ? accounts_.product_name() : s.from_name,
                      .to = to,
                      .subject = text.subject,
                      .text = text.text,
                      .html = text.html};
  return mime_message(content, clock_.unix_millis(), domain_of(s.from_address));
}

SmtpOutcome MailService::send_test(const core::Actor& actor, const std::string& to, const std::string& language) {
  const auto s = settings();
  if (!s.configured()) {
    throw core::Error::conflict("notify.mail_not_configured", "Set the SMTP host and the from address first");
  }
  const auto text = test_mail(language, accounts_.product_name());
  MailMessage m{.id = core::new_id("mail"),
                .user_id = actor.principal->id,
                .kind = "test",
                .to_address = to,
                .subject = text.subject,
                .created_ms = clock_.unix_millis()};
  const auto outcome = smtp_send(server_of(s), s.from_address, {to}, message_for(s, to, text));
  m.attempts = 1;
  m.last_reply = outcome.reply;
  m.state = outcome.kind == SmtpOutcome::Kind::kSent ? "sent" : "failed";
  if (m.state == "sent") m.sent_ms = clock_.unix_millis();
  m.next_attempt_ms = m.created_ms;
  db_.write([&](core::Tx& tx) {
    mail_repo::insert(tx, m);
    changes_.record(tx, actor,
                    {.action = "mail.test_sent",
                     .target_type = "mail",
                     .target_id = m.id,
                     .after = {{"to", to}, {"state", m.state}, {"reply", m.last_reply}}});
  });
  return outcome;
}

void MailService::enqueue(core::Tx& tx, const MailRequest& request) {
  const auto s = settings();
  if (!s.configured()) return;  // no mail server: the inbox alone tells
  const auto link = request.link.empty() || options_.public_url.empty() ? std::string()
                                                                        : options_.public_url + request.link;
  const auto text = notification_mail(request.language, accounts_.product_name(), request.subject, request.text, link);
  const auto now = clock_.unix_millis();
  mail_repo::insert(tx, MailMessage{.id = core::new_id("mail"),
                                    .event_id = request.event_id,
                                    .user_id = request.to.user_id,
                                    .kind = std::string(request.kind->topic),
                                    .to_address = request.to.email,
                                    .subject = text.subject,
                                    .body = message_for(s, request.to.email, text),
                                    .security = request.kind->security,
                                    .next_attempt_ms = now,
                                    .created_ms = now});
}

void MailService::enqueue(core::Tx& tx, const DirectMail& mail) {
  const auto s = settings();
  if (!s.configured()) throw core::Error::conflict("notify.mail_not_configured", "The platform cannot send e-mail");
  const auto now = clock_.unix_millis();
  mail_repo::insert(tx, MailMessage{.id = core::new_id("mail"),
                                    .user_id = mail.user_id,
                                    .kind = mail.kind,
                                    .to_address = mail.to,
                                    .subject = mail.text.subject,
                                    .body = message_for(s, mail.to, mail.text),
                                    .security = mail.security,
                                    .next_attempt_ms = now,
                                    .created_ms = now});
}

int MailService::send_due() {
  const auto now = clock_.unix_millis();
  const auto [due, sent_recently] = db_.read([&](core::Conn& c) {
    return std::pair{mail_repo::due(c, now, kBatch), mail_repo::sent_since(c, now - 60'000)};
  });
  if (due.empty()) return 0;
  const auto room = std::max<std::int64_t>(0, options_.max_per_minute - sent_recently);
  const auto s = settings();
  int tried = 0;
  for (const auto& m : due) {
    if (tried >= room) break;  // the rest wait for the next minute's room
    ++tried;
    if (!s.configured()) {
      finish_attempt(m, {SmtpOutcome::Kind::kTransient, 0, "SMTP is not configured"});
      continue;
    }
    finish_attempt(m, smtp_send(server_of(s), s.from_address, {m.to_address}, m.body));
  }
  return tried;
}

void MailService::finish_attempt(MailMessage m, const SmtpOutcome& outcome) {
  const auto now = clock_.unix_millis();
  ++m.attempts;
  m.last_reply = outcome.reply;
  if (outcome.kind == SmtpOutcome::Kind::kSent) {
    m.state = "sent";
    m.sent_ms = now;
  } else if (outcome.kind == SmtpOutcome::Kind::kPermanent || m.attempts >= options_.max_attempts) {
    m.state = "failed";
  } else {
    // 1×, 2×, 4× … the base, at most an hour.
    const auto delay = std::min<std::int64_t>(options_.retry_base.count() * 1000 * (std::int64_t{1} << std::min<std::int64_t>(m.attempts - 1, 20)),
                                              3'600'000);
    m.next_attempt_ms = now + delay;
  }
  if (m.security && m.state != "queued") m.body.clear();
  if (m.state == "failed") {
    core::log::warn("mail failed", {{"mailId", m.id}, {"reply", m.last_reply}, {"attempts", std::to_string(m.attempts)}});
  }
  db_.write([&](core::Tx& tx) { mail_repo::update_attempt(tx, m); });
}

core::Page<MailMessage> MailService::log(const std::optional<std::string>& state, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return mail_repo::list(c, state, page); });
}

}  // namespace cove::notify
