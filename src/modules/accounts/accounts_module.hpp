#pragma once
// The accounts module: who is who on the platform (issue 3). Other modules use it only through
// accounts_api.hpp and the registries it reads (permissions, org resolvers, quotas).
#include <memory>

#include "modules/accounts/accounts_api.hpp"
#include "modules/module.hpp"

namespace cove::accounts {

struct AccountsServices;

class AccountsModule final : public modules::Module, public AccountsApi {
 public:
  explicit AccountsModule(modules::AppContext& app);
  ~AccountsModule() override;

  std::string_view name() const override { return "accounts"; }
  void register_routes(http::Router& router) override;
  void start(modules::AppContext& app) override;
  static std::vector<core::ConfigKey> config_keys();

  // AccountsApi
  const Quotas& quotas() const override;
  std::unordered_set<std::string> active_org_ids(core::Conn& c) const override;
  std::unordered_map<std::string, std::string> org_names(core::Conn& c,
                                                         const std::vector<std::string>& org_ids) const override;
  std::vector<Recipient> org_recipients(core::Conn& c, const std::string& org_id,
                                        const std::vector<std::string>& roles) const override;
  std::vector<Recipient> operator_recipients(core::Conn& c, const std::vector<std::string>& roles) const override;
  std::optional<Recipient> recipient(core::Conn& c, const std::string& user_id) const override;
  std::string product_name() const override;
  std::optional<Recipient> recipient_by_email(core::Conn& c, const std::string& email) const override;
  void set_password_by_email_proof(const core::Actor& actor, const std::string& user_id,
                                   const std::string& new_password) override;
  void add_invitation_listener(InvitationListener listener) override;

 private:
  void declare(modules::AppContext& app);
  void install_hooks(modules::AppContext& app);

  std::unique_ptr<AccountsServices> services_;
};

}  // namespace cove::accounts
