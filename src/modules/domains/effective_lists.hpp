#pragma once
// What the SDK is handed (issue 15): declared + platform whitelist − blocklist, each list without
// duplicates, business domains only once verified. One function for the runtime snapshot and for
// DomainsApi::effective, so the review pre-check sees what the SDK enforces.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "modules/domains/domain_set_model.hpp"

namespace cove::domains {

struct PlatformLists {
  std::vector<PlatformDomain> whitelist;
  std::vector<PlatformDomain> blocklist;
  // Whether a blocklist entry covers this host (is_blocked_by any).
  bool blocked(std::string_view host) const;
  // The blocklist host that covers it, or "".
  std::string blocker_of(std::string_view host) const;
};

PlatformLists load_platform_lists(core::Conn& c);

// `webview_verified(host)`: whether the organisation verified that business domain.
DomainLists effective_lists(const DomainLists& declared, const PlatformLists& platform,
                            const std::function<bool(const std::string& host)>& webview_verified);

}  // namespace cove::domains
