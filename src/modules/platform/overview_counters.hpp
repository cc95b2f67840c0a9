#pragma once
// What waits for an operator (工作台): counts such as organisations awaiting approval, declared by
// the module that owns the rows. GET /api/v1/platform/overview answers every declared counter, in
// declaration order, so the console's home and menu badges grow with the modules instead of
// naming them.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/db.hpp"
#include "http/router.hpp"

namespace cove::modules {

class OverviewCounterRegistry {
 public:
  using Count = std::function<std::int64_t(core::Conn&)>;
  struct Counter {
    std::string key;          // camelCase, stable: the console translates it ("pendingOrgs")
    std::string description;  // for the API reference and logs
    Count count;
  };

  // Throws std::logic_error when `key` is declared twice (two modules claiming one name).
  void declare(Counter counter);
  // Every counter's current value, in declaration order.
  std::vector<std::pair<std::string, std::int64_t>> counts(core::Conn& c) const;
  const std::vector<Counter>& counters() const { return counters_; }

 private:
  std::vector<Counter> counters_;
};

// GET /api/v1/platform/overview (platform:read): {"items": [{"key": "pendingOrgs", "count": 3}, …]}.
void mount_overview_route(http::Router& router, core::Db& db, const OverviewCounterRegistry& registry);

}  // namespace cove::modules
