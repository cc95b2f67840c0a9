#pragma once
// The notify module (issue 16): every user's inbox fed by outbox events, with preferences and a
// live stream; e-mail over SMTP with the operators' settings, a queue and its log. It sits after
// review in DESIGN.md §1 and reads earlier modules' events only.
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/module.hpp"
#include "modules/notify/delivery_service.hpp"
#include "modules/notify/inbox_service.hpp"
#include "modules/notify/live_hub.hpp"
#include "modules/notify/mail_service.hpp"
#include "modules/notify/notify_routes.hpp"

namespace cove::notify {

class NotifyModule final : public modules::Module {
 public:
  NotifyModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~NotifyModule() override;

  std::string_view name() const override { return "notify"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void stop() override;
  static std::vector<core::ConfigKey> config_keys();

 private:
  accounts::AccountsApi* accounts_;
  std::unique_ptr<LiveHub> hub_;
  std::unique_ptr<core::SealedBox> sealed_;
  std::unique_ptr<MailService> mail_;
  std::unique_ptr<DeliveryService> delivery_;
  std::unique_ptr<InboxService> inbox_;
  std::unique_ptr<PasswordResetService> resets_;
  std::unique_ptr<AnnouncementService> announcements_;
  std::unique_ptr<ArticleService> articles_;
  std::unique_ptr<NotifyServices> services_;
};

}  // namespace cove::notify
