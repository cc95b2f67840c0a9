#pragma once
// The module contract (DESIGN.md §3). main builds the list explicitly, in dependency order;
// modules get the services they need through their constructors, so a unit test can build one
// module alone. A module mounts its routes, subscribes to events, starts background work, and
// stops in reverse order.
#include <string>
#include <string_view>

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
  // Whether a row of this module still refers to the blob `sha256`; the blob collector keeps
  // every blob some module answers true for.
  virtual bool references_blob(core::Conn& /*c*/, const std::string& /*sha256*/) const { return false; }
};

}  // namespace cove::modules
