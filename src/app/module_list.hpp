#pragma once
#include <memory>
#include <vector>

#include "modules/module.hpp"

namespace cove::app {

// The standard modules in dependency order (DESIGN.md §1): accounts, apps, gray, domains, audit,
// notify, search, runtime. Each is constructed with the services it needs.
std::vector<std::unique_ptr<modules::Module>> standard_modules(modules::AppContext& ctx);

}  // namespace cove::app
