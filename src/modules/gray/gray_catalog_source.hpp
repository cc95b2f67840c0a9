#pragma once
// The gray part of the runtime catalog (gray_api.hpp): running plans compiled for evaluation,
// each with the package it serves, and the UID lists they name — flat hash sets reloaded only
// when a list's revision changes (uid_set_cache.hpp).
#include "modules/apps/apps_api.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/gray/uid_set_cache.hpp"
#include "modules/platform/catalog_sources.hpp"

namespace cove::gray {

class GrayCatalogSource final : public modules::TypedCatalogSource<GrayRuntimeData> {
 public:
  explicit GrayCatalogSource(const apps::AppsApi& apps) : apps_(apps) {}

  std::string_view name() const override { return kCatalogPart; }
  // Plans, lists, and the releases that make a plan moot or change what it is compared with.
  std::vector<std::string> topics() const override { return {"gray_plan.", "uid_list.", "version.", "app."}; }
  std::shared_ptr<const GrayRuntimeData> load_part(core::Conn& c, std::int64_t now_ms) const override;

 private:
  const apps::AppsApi& apps_;
  mutable UidSetCache sets_;  // rebuilds run one at a time, on the runtime's rebuild thread
};

}  // namespace cove::gray
