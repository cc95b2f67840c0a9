#include "modules/gray/uid_set_cache.hpp"

#include <algorithm>

#include "modules/gray/uid_list_repo.hpp"

namespace cove::gray {

bool UidListSets::contains(std::string_view list_id, std::string_view uid) const {
  // Few lists per snapshot: a linear scan avoids building a key string per lookup.
  for (const auto& [id, set] : sets_) {
    if (id == list_id) return set->contains(uid);
  }
  return false;
}

std::shared_ptr<const UidListSets> UidSetCache::load(core::Conn& c,
                                                     const std::vector<std::string>& list_ids) {
  std::lock_guard lock(mutex_);
  auto out = std::make_shared<UidListSets>();
  std::unordered_map<std::string, Entry> kept;
  for (const auto& id : list_ids) {
    if (kept.contains(id)) continue;
    const auto current = uid_list_repo::revision_of(c, id);
    if (!current) continue;  // deleted: contains nobody
    const auto [revision, size] = *current;
    auto it = entries_.find(id);
    Entry entry;
    if (it != entries_.end() && it->second.revision == revision) {
      entry = it->second;
    } else {
      UidSet::Builder builder;
      builder.reserve(static_cast<std::size_t>(size), static_cast<std::size_t>(size) * 24);
      uid_list_repo::for_each_member(c, id, [&](std::string_view uid) { builder.add(uid); });
      entry = {revision, std::make_shared<const UidSet>(std::move(builder).build())};
    }
    out->put(id, entry.set);
    kept.emplace(id, std::move(entry));
  }
  entries_ = std::move(kept);
  return out;
}

std::vector<std::string> lists_named(const nlohmann::json& rule) {
  std::vector<std::string> out;
  const auto groups = rule.find("groups");
  if (groups == rule.end() || !groups->is_array()) return out;
  for (const auto& g : *groups) {
    const auto lists = g.find("uidLists");
    if (lists == g.end() || !lists->is_array()) continue;
    for (const auto& l : *lists) {
      if (l.is_string() && std::find(out.begin(), out.end(), l.get<std::string>()) == out.end())
        out.push_back(l.get<std::string>());
    }
  }
  return out;
}

}  // namespace cove::gray
