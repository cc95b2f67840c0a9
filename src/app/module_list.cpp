#include "app/module_list.hpp"

#include "modules/accounts/accounts_module.hpp"

namespace cove::app {

std::vector<std::unique_ptr<modules::Module>> standard_modules(modules::AppContext& ctx) {
  std::vector<std::unique_ptr<modules::Module>> list;
  // In the order of DESIGN.md §1; a module gets the public API of those before it.
  auto accounts = std::make_unique<accounts::AccountsModule>(ctx);
  list.push_back(std::move(accounts));
  return list;
}

}  // namespace cove::app
