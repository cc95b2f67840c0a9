#pragma once
// Each feature's mount function (called from NotifyModule::register_routes).
#include "http/router.hpp"
#include "modules/notify/announcement_service.hpp"
#include "modules/notify/article_service.hpp"
#include "modules/notify/inbox_service.hpp"
#include "modules/notify/live_hub.hpp"
#include "modules/notify/mail_service.hpp"
#include "modules/notify/password_reset_service.hpp"

namespace cove::notify {

struct NotifyServices {
  InboxService& inbox;
  LiveHub& hub;
  MailService& mail;
  PasswordResetService& resets;
  AnnouncementService& announcements;
  ArticleService& articles;
};

void mount_inbox_routes(http::Router& router, const NotifyServices& s);
void mount_preference_routes(http::Router& router, const NotifyServices& s);
void mount_mail_routes(http::Router& router, const NotifyServices& s);
void mount_password_reset_routes(http::Router& router, const NotifyServices& s);
void mount_announcement_routes(http::Router& router, const NotifyServices& s);
void mount_article_routes(http::Router& router, const NotifyServices& s);

}  // namespace cove::notify
