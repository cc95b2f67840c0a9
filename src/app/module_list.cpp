#include "app/module_list.hpp"

namespace cove::app {

std::vector<std::unique_ptr<modules::Module>> standard_modules(modules::AppContext& /*ctx*/) {
  std::vector<std::unique_ptr<modules::Module>> list;
  // Modules are appended here as they land, in the order of DESIGN.md §1.
  return list;
}

}  // namespace cove::app
