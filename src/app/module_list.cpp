#include "app/module_list.hpp"

#include <functional>

#include "modules/accounts/accounts_module.hpp"
#include "modules/apps/apps_module.hpp"
#include "modules/domains/domains_module.hpp"
#include "modules/gray/gray_module.hpp"
#include "modules/notify/notify_module.hpp"
#include "modules/oauth/oauth_module.hpp"
#include "modules/review/review_module.hpp"
#include "modules/runtime/runtime_module.hpp"
#include "modules/search/search_module.hpp"
#include "modules/webhooks/webhooks_module.hpp"

namespace cove::app {

namespace {

// The modules built so far, so a later module's constructor can be handed an earlier one's API.
class Built {
 public:
  explicit Built(modules::AppContext& ctx) : ctx_(ctx) {}
  modules::AppContext& ctx() { return ctx_; }
  template <class M>
  M& get() {
    for (auto& m : list_) {
      if (auto* found = dynamic_cast<M*>(m.get())) return *found;
    }
    throw std::logic_error("module list: a module needs one that is not built before it");
  }
  std::vector<std::unique_ptr<modules::Module>> list_;

 private:
  modules::AppContext& ctx_;
};

struct Entry {
  std::vector<core::ConfigKey> (*config_keys)();
  std::function<std::unique_ptr<modules::Module>(Built&)> make;
};

// In the order of DESIGN.md §1; a module gets the public API of those before it. Adding a module
// is adding its folder and a line here.
const std::vector<Entry>& entries() {
  static const std::vector<Entry> list = {
      {&accounts::AccountsModule::config_keys,
       [](Built& b) { return std::make_unique<accounts::AccountsModule>(b.ctx()); }},
      {&apps::AppsModule::config_keys,
       [](Built& b) { return std::make_unique<apps::AppsModule>(b.ctx(), b.get<accounts::AccountsModule>()); }},
      {&gray::GrayModule::config_keys,
       [](Built& b) {
         return std::make_unique<gray::GrayModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                   b.get<apps::AppsModule>());
       }},
      {&domains::DomainsModule::config_keys,
       [](Built& b) {
         return std::make_unique<domains::DomainsModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                         b.get<apps::AppsModule>());
       }},
      {&review::ReviewModule::config_keys,
       [](Built& b) {
         return std::make_unique<review::ReviewModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                       b.get<apps::AppsModule>());
       }},
      {&notify::NotifyModule::config_keys,
       [](Built& b) {
         return std::make_unique<notify::NotifyModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                       b.get<apps::AppsModule>());
       }},
      {&webhooks::WebhooksModule::config_keys,
       [](Built& b) {
         return std::make_unique<webhooks::WebhooksModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                           b.get<apps::AppsModule>());
       }},
      {&search::SearchModule::config_keys,
       [](Built& b) {
         return std::make_unique<search::SearchModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                       b.get<apps::AppsModule>());
       }},
      {&oauth::OauthModule::config_keys,
       [](Built& b) {
         return std::make_unique<oauth::OauthModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                     b.get<apps::AppsModule>(), b.get<apps::AppsModule>());
       }},
      {&runtime::RuntimeModule::config_keys,
       [](Built& b) {
         return std::make_unique<runtime::RuntimeModule>(b.ctx(), b.get<accounts::AccountsModule>(),
                                                         b.get<apps::AppsModule>());
       }},
  };
  return list;
}

}  // namespace

std::vector<std::unique_ptr<modules::Module>> standard_modules(modules::AppContext& ctx) {
  Built built(ctx);
  for (const auto& e : entries()) built.list_.push_back(e.make(built));
  return std::move(built.list_);
}

const std::vector<core::ConfigKey>& module_config_keys() {
  static const std::vector<core::ConfigKey> keys = [] {
    std::vector<core::ConfigKey> out;
    for (const auto& e : entries()) {
      for (auto& k : e.config_keys()) out.push_back(std::move(k));
    }
    return out;
  }();
  return keys;
}

core::Config load_app_config(const core::ConfigSources& sources) {
  return core::load_config(sources, module_config_keys());
}

}  // namespace cove::app
