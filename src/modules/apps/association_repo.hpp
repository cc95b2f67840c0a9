#pragma once
// SQL for host app ↔ mini-program associations and their custom API/menu grants. No business
// rules here. The host app's id scopes every query; callers have checked its organisation.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/apps/host_app_model.hpp"

namespace cove::apps {
void read_row(core::Row& r, Association& a);
}  // namespace cove::apps

namespace cove::apps::association_repo {

std::optional<Association> find(core::Conn& c, const std::string& host_app_id, const std::string& app_id);
// Inserts, or replaces the grants (and updated_ms, cross_org) of an existing row.
void upsert(core::Tx& tx, const Association& a);
// Replaces only the grants and updated_ms.
void set_grants(core::Tx& tx, const Association& a);
void remove(core::Tx& tx, const std::string& host_app_id, const std::string& app_id);

// Newest first, at most page.limit + 1 rows.
std::vector<Association> list(core::Conn& c, const std::string& host_app_id,
                              const core::PageRequest& page);
// Every association of a host app, oldest first (pruning grants, counting before a delete).
std::vector<Association> all_of(core::Conn& c, const std::string& host_app_id);

}  // namespace cove::apps::association_repo
