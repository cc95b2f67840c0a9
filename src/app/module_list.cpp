#include "app/module_list.hpp"

#include "modules/accounts/accounts_module.hpp"
#include "modules/apps/apps_module.hpp"
#include "modules/gray/gray_module.hpp"
#include "modules/runtime/runtime_module.hpp"

namespace cove::app {

std::vector<std::unique_ptr<modules::Module>> standard_modules(modules::AppContext& ctx) {
  std::vector<std::unique_ptr<modules::Module>> list;
  // In the order of DESIGN.md §1; a module gets the public API of those before it. The list owns
  // the modules, so the references handed on stay valid as long as the later modules live.
  auto accounts = std::make_unique<accounts::AccountsModule>(ctx);
  auto apps = std::make_unique<apps::AppsModule>(ctx, *accounts);
  auto gray = std::make_unique<gray::GrayModule>(ctx, *accounts, *apps);
  auto runtime = std::make_unique<runtime::RuntimeModule>(ctx, *accounts, *apps, *gray);
  list.push_back(std::move(accounts));
  list.push_back(std::move(apps));
  list.push_back(std::move(gray));
  list.push_back(std::move(runtime));
  return list;
}

}  // namespace cove::app
