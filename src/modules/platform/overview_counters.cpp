#include "modules/platform/overview_counters.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace cove::modules {

void OverviewCounterRegistry::declare(Counter counter) {
  for (const auto& c : counters_) {
    if (c.key == counter.key) throw std::logic_error("overview counter declared twice: " + counter.key);
  }
  counters_.push_back(std::move(counter));
}

std::vector<std::pair<std::string, std::int64_t>> OverviewCounterRegistry::counts(core::Conn& c) const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  out.reserve(counters_.size());
  for (const auto& counter : counters_) out.emplace_back(counter.key, counter.count(c));
  return out;
}

void mount_overview_route(http::Router& router, core::Db& db, const OverviewCounterRegistry& registry) {
  router.group("/api/v1/platform")
      .get("/overview",
           [&db, &registry](http::Request&) {
             // One read: the counts are of one moment.
             const auto counts = db.read([&](core::Conn& c) { return registry.counts(c); });
             auto items = nlohmann::json::array();
             for (const auto& [key, count] : counts) items.push_back({{"key", key}, {"count", count}});
             return http::Response::json(200, {{"items", std::move(items)}});
           })
      .permission("platform:read");
}

}  // namespace cove::modules
