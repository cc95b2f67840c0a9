#include "modules/notify/notify_module.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "modules/notify/article_catalog_source.hpp"
#include "modules/notify/article_repo.hpp"
#include "modules/notify/notification_repo.hpp"

namespace cove::notify {

namespace {

MailOptions mail_options(const core::Config& config) {
  const auto security = config.text("mail.smtp.security");
  if (security != "none" && security != "starttls" && security != "tls") {
    throw std::runtime_error("config: mail.smtp.security must be none, starttls or tls, not \"" + security + "\"");
  }
  auto url = config.http.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return {.ca_file = config.text("mail.smtp.caFile"),
          .timeout = std::chrono::seconds(config.integer("mail.smtp.timeoutSeconds")),
          .max_per_minute = config.integer("mail.maxPerMinute"),
          .retry_base = std::chrono::seconds(config.integer("mail.retryBaseSeconds")),
          .max_attempts = config.integer("mail.maxAttempts"),
          .public_url = url};
}

std::string role_label_zh(const std::string& role) {
  if (role == "admin") return "管理员";
  if (role == "developer") return "开发者";
  if (role == "viewer") return "只读成员";
  return role;
}

}  // namespace

NotifyModule::NotifyModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps)
    : accounts_(&accounts) {
  hub_ = std::make_unique<LiveHub>(static_cast<std::size_t>(app.config.integer("notify.streamsPerUser")),
                                   static_cast<std::size_t>(app.config.integer("notify.maxStreams")));
  sealed_ = std::make_unique<core::SealedBox>(app.secrets.random_key("mail-password-seal.key"));
  mail_ = std::make_unique<MailService>(app.db, app.changes, app.clock, app.config, *sealed_, accounts,
                                        mail_options(app.config));
  delivery_ = std::make_unique<DeliveryService>(app.db, app.clock, accounts, apps, *hub_);
  delivery_->set_mail([this](core::Tx& tx, const MailRequest& r) { mail_->enqueue(tx, r); });
  inbox_ = std::make_unique<InboxService>(app.db, app.changes, app.clock, *hub_);
  resets_ = std::make_unique<PasswordResetService>(app.db, app.changes, app.clock, accounts, *mail_);
  announcements_ = std::make_unique<AnnouncementService>(app.db, app.changes, app.clock, accounts);
  // Which organisation owns a host app an article targets: the apps module's resolver, looked
  // up when called (the registry is complete by then).
  auto& resolvers = app.org_resolvers;
  articles_ = std::make_unique<ArticleService>(
      app.db, app.changes, app.clock, app.blobs,
      [&resolvers](core::Conn& c, const std::string& host_app_id) -> std::optional<std::string> {
        const auto* resolve = resolvers.find("hostAppId");
        return resolve ? (*resolve)(c, host_app_id) : std::nullopt;
      });
  services_ = std::make_unique<NotifyServices>(
      NotifyServices{*inbox_, *hub_, *mail_, *resets_, *announcements_, *articles_});

  app.permissions.declare({"articles:write", "write, publish and archive the organisation's articles",
                           {"owner", "admin", "developer"}});
  app.permissions.declare({"platform:content", "announcements and platform-wide articles", {"platform_admin"}});
  // An organisation's article is owned by it; a platform-wide one by none (org routes answer 404).
  app.org_resolvers.add("articleId", [](core::Conn& c, const std::string& id) { return article_repo::org_of(c, id); });
  app.blob_references.add("article covers",
                          [](core::Conn& c, const std::string& sha) { return article_repo::cover_in_use(c, sha); });
  app.catalog_sources.add(std::make_shared<ArticleCatalogSource>());
  // An invitation e-mails its link to the invitee (a security mail: the link grants membership),
  // in the inviter's language, when the platform can send mail and knows its public address.
  accounts.add_invitation_listener([this](core::Tx& tx, const accounts::InvitationCreated& inv) {
    if (!mail_->settings().configured() || mail_->public_url().empty()) return;
    const auto language = notification_repo::language(tx, inv.invited_by).value_or(std::string(kLanguages[0]));
    const auto role = language == "en-US" ? inv.role : role_label_zh(inv.role);
    mail_->enqueue(tx, DirectMail{.to = inv.email,
                                  .kind = "invitation",
                                  .text = invitation_mail(language, accounts_->product_name(), inv.org_name,
                                                          inv.invited_by_name, role,
                                                          mail_->public_url() + "/invite/" + inv.token),
                                  .security = true});
  });
  // Queued mail leaves within a second; a failing run (the database busy) is retried next time.
  app.jobs.schedule("notify.mail_sender", std::chrono::seconds(1), [this] { mail_->send_due(); });
}

NotifyModule::~NotifyModule() = default;

std::vector<core::ConfigKey> NotifyModule::config_keys() {
  return {
      {"notify.streamsPerUser", 5,
       "Live notification streams one user may hold open (browser tabs); a new one closes their oldest.", 1, 100},
      {"notify.maxStreams", 10000, "Live notification streams the server holds open in all; beyond it, 503.", 1,
       1000000},
      {"mail.smtp.host", "", "SMTP server for e-mail until an operator saves settings in the console; empty = no e-mail."},
      {"mail.smtp.port", 25, "SMTP port (587 for STARTTLS, 465 for implicit TLS as a rule).", 1, 65535},
      {"mail.smtp.security", "none", "none, starttls (upgrade after connecting; required) or tls (implicit TLS)."},
      {"mail.smtp.user", "", "SMTP user name for AUTH; empty = no authentication."},
      {"mail.smtp.password", "", "SMTP password; prefer COVE_MAIL_SMTP_PASSWORD to writing it here."},
      {"mail.smtp.caFile", "", "A PEM CA bundle to trust for the SMTP server's certificate instead of the system store."},
      {"mail.smtp.timeoutSeconds", 30, "How long one SMTP delivery may take.", 1, 300},
      {"mail.from", "", "From address of the platform's e-mails (noreply@example.com)."},
      {"mail.maxPerMinute", 60, "E-mails sent per minute at most; the rest wait in the queue.", 1, 100000},
      {"mail.retryBaseSeconds", 30,
       "Wait before the first retry after a temporary SMTP failure; doubles with each attempt (at most an hour).", 1,
       3600},
      {"mail.maxAttempts", 6, "Attempts before a temporarily failing e-mail is given up as failed.", 1, 50},
  };
}

void NotifyModule::register_routes(http::Router& router) {
  mount_inbox_routes(router, *services_);
  mount_preference_routes(router, *services_);
  mount_mail_routes(router, *services_);
  mount_password_reset_routes(router, *services_);
  mount_announcement_routes(router, *services_);
  mount_article_routes(router, *services_);
}

void NotifyModule::subscribe(core::EventBus& events) {
  // Only the catalogue's topics; progress is recorded under this name, so it never changes.
  std::vector<std::string> topics;
  for (const auto& kind : notification_kinds()) topics.emplace_back(kind.topic);
  events.subscribe("notify.inbox", std::move(topics), [this](const core::Event& e) { delivery_->deliver(e); });
}

void NotifyModule::stop() { hub_->close_all(); }

}  // namespace cove::notify
