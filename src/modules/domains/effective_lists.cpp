#include "modules/domains/effective_lists.hpp"

#include <algorithm>

#include "modules/domains/platform_list_repo.hpp"

namespace cove::domains {

bool PlatformLists::blocked(std::string_view host) const { return !blocker_of(host).empty(); }

std::string PlatformLists::blocker_of(std::string_view host) const {
  for (const auto& b : blocklist) {
    if (is_blocked_by(host, b.host)) return b.host;
  }
  return {};
}

PlatformLists load_platform_lists(core::Conn& c) {
  return {platform_list_repo::all(c, PlatformList::kWhitelist), platform_list_repo::all(c, PlatformList::kBlocklist)};
}

DomainLists effective_lists(const DomainLists& declared, const PlatformLists& platform,
                            const std::function<bool(const std::string& host)>& webview_verified) {
  DomainLists out;
  for (const auto k : kKinds) {
    auto& list = out[kind_index(k)];
    const auto add = [&](std::string value) {
      if (platform.blocked(host_of(value))) return;
      if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
    };
    for (const auto& v : declared[kind_index(k)]) {
      if (k == DomainKind::kWebview && !webview_verified(host_of(v))) continue;
      add(v);
    }
    const auto name = kind_name(k);
    for (const auto& w : platform.whitelist) {
      if (std::find(w.kinds.begin(), w.kinds.end(), name) == w.kinds.end()) continue;
      add(std::string(scheme_of(k)) + "://" + w.host);
    }
  }
  return out;
}

}  // namespace cove::domains
