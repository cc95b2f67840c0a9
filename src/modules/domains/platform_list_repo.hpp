#pragma once
// SQL for the platform's whitelist and blocklist (platform_domains).
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/domains/domain_set_model.hpp"

namespace cove::domains::platform_list_repo {

// The list's entries by host.
std::vector<PlatformDomain> all(core::Conn& c, PlatformList list);
std::optional<PlatformDomain> find(core::Conn& c, PlatformList list, const std::string& host);
std::int64_t count(core::Conn& c, PlatformList list);
void insert(core::Tx& tx, const PlatformDomain& d);
void remove(core::Tx& tx, PlatformList list, const std::string& host);

}  // namespace cove::domains::platform_list_repo
