#pragma once
// A module with probe routes for foundation tests: validation, thrown errors, guards, declared
// permissions, events. Mounted only by tests.
#include <atomic>
#include <mutex>
#include <vector>

#include "core/json_input.hpp"
#include "modules/module.hpp"

namespace cove::test {

class ProbeModule : public modules::Module {
 public:
  std::string_view name() const override { return "probe"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& ctx) override { ctx_ = &ctx; }

  std::vector<std::int64_t> delivered() const {
    std::lock_guard lock(mutex_);
    return delivered_;
  }

 private:
  modules::AppContext* ctx_ = nullptr;
  mutable std::mutex mutex_;
  std::vector<std::int64_t> delivered_;
};

}  // namespace cove::test
