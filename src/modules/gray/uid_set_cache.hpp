#pragma once
// Loaded UID lists for evaluation (the runtime snapshot, rollout previews), kept between
// snapshot rebuilds and reloaded only when a list's revision changes — a million-id list is read
// from the database once per edit, not once per release.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/db.hpp"
#include "modules/gray/rule.hpp"
#include "modules/gray/uid_set.hpp"

namespace cove::gray {

// UidLists over loaded sets; a list that is not loaded contains nobody.
class UidListSets final : public UidLists {
 public:
  bool contains(std::string_view list_id, std::string_view uid) const override;
  void put(std::string list_id, std::shared_ptr<const UidSet> set) {
    sets_[std::move(list_id)] = std::move(set);
  }
  std::size_t size() const { return sets_.size(); }

 private:
  std::unordered_map<std::string, std::shared_ptr<const UidSet>> sets_;
};

class UidSetCache {
 public:
  // The sets of these lists as they are in `c`'s snapshot. Lists no longer asked for are dropped.
  std::shared_ptr<const UidListSets> load(core::Conn& c, const std::vector<std::string>& list_ids);

 private:
  struct Entry {
    std::int64_t revision = 0;
    std::shared_ptr<const UidSet> set;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

// Every list a rule document names.
std::vector<std::string> lists_named(const nlohmann::json& rule);

}  // namespace cove::gray
