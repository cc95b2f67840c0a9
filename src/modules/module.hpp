#pragma once
// The module contract (DESIGN.md §3). src/app/module_list.cpp builds the list explicitly, in
// dependency order; modules get the services they need through their constructors, so a unit test
// can build one module alone. A module mounts its routes, subscribes to events, starts background
// work, and stops in reverse order. What cuts across modules goes through the registries on the
// AppContext, never through a new virtual here.
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "http/router.hpp"
#include "modules/app_context.hpp"

namespace cove::modules {

class Module {
 public:
  virtual ~Module() = default;
  virtual std::string_view name() const = 0;
  virtual void register_routes(http::Router& router) = 0;
  virtual void subscribe(core::EventBus& /*events*/) {}
  virtual void start(AppContext& /*ctx*/) {}
  virtual void stop() {}

  // The configuration keys the module reads (its section of config/cove.example.json). Hidden by
  // a module that has keys: `static std::vector<core::ConfigKey> config_keys();`.
  static std::vector<core::ConfigKey> config_keys() { return {}; }
};

}  // namespace cove::modules
