#include "modules/gray/gray_catalog_source.hpp"

#include <algorithm>

#include "core/log.hpp"
#include "modules/gray/plan_repo.hpp"

namespace cove::gray {

std::shared_ptr<const GrayRuntimeData> GrayCatalogSource::load_part(core::Conn& c, std::int64_t /*now_ms*/) const {
  auto out = std::make_shared<GrayRuntimeData>();
  std::vector<std::string> lists;
  for (const auto& p : plan_repo::running(c)) {
    auto live = compile_plan(p);
    const auto v = apps_.gray_candidate(c, p.org_id, p.app_id, p.version);
    if (!live || !v) {
      core::log::error("gray plan left out of the runtime", {{"planId", p.id}});
      continue;
    }
    for (auto& l : lists_named(p.rule)) {
      if (std::find(lists.begin(), lists.end(), l) == lists.end()) lists.push_back(std::move(l));
    }
    out->plans.push_back(RuntimePlan{.plan = std::move(*live),
                                     .org_id = p.org_id,
                                     .app_id = p.app_id,
                                     .version = {.id = p.version_id,
                                                 .version = p.version,
                                                 .sha256 = v->package_sha256,
                                                 .size = v->package_size,
                                                 .signature = p.signature,
                                                 .min_base_library = v->min_base_library},
                                     .newer_than_released = v->newer_than_released});
  }
  out->lists = sets_.load(c, lists);
  return out;
}

}  // namespace cove::gray
