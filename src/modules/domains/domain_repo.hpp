#pragma once
// SQL for declared domains. Every function takes the owning organisation, except the look-ups
// the runtime snapshot and the blocklist need across organisations.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/domains/domain_set_model.hpp"

namespace cove::domains::domain_repo {

// The mini-program's lists; revision 0 and empty lists when it never declared any.
DomainSet find(core::Conn& c, const std::string& org_id, const std::string& app_id);
// Replaces the lists and their set row (revision, updated_by, updated_ms).
void replace(core::Tx& tx, const DomainSet& s);
// The longest list of any mini-program of the organisation (the quota's usage).
std::int64_t longest_list_in_org(core::Conn& c, const std::string& org_id);
// Declared entries the blocked host (and names below it) covers, across organisations.
std::vector<DeclaredEntry> blocked_by(core::Conn& c, const std::string& blocked_host);
// Every declared entry in (app, kind, position) order (the runtime snapshot).
void for_each_entry(core::Conn& c, const std::function<void(const DeclaredEntry&)>& fn);

}  // namespace cove::domains::domain_repo
