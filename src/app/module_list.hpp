#pragma once
// The whole system in one explicit, ordered list (DESIGN.md §1, §3): src/app/module_list.cpp.
#include <memory>
#include <vector>

#include "core/config.hpp"
#include "modules/module.hpp"

namespace cove::app {

// The standard modules in dependency order, each constructed with the services it needs.
std::vector<std::unique_ptr<modules::Module>> standard_modules(modules::AppContext& ctx);
// The configuration keys the standard modules declare (beside the core's), so a configuration is
// checked against every key before any module is built.
const std::vector<core::ConfigKey>& module_config_keys();
// load_config() with the modules' keys: what the CLI and the tests load configurations with.
core::Config load_app_config(const core::ConfigSources& sources);

}  // namespace cove::app
