#pragma once
// SQL for host app ↔ mini-program associations and their custom API/menu grants. No business
// rules here. The host app's id scopes every query; callers have checked its organisation.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/apps/host_app_model.hpp"

namespace cove::apps::association_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Association& a);

std::optional<Association> find(core::Conn& c, const std::string& host_app_id, const std::string& app_id);
// Inserts, or replaces the grants (and updated_ms, cross_org) of an existing row.
void upsert(core::Tx& tx, const Association& a);
// Replaces only the grants and updated_ms.
void set_grants(core::Tx& tx, const Association& a);
void remove(core::Tx& tx, const std::string& host_app_id, const std::string& app_id);

// Newest first, at most page.limit + 1 rows.
core::Page<Association> list(core::Conn& c, const std::string& host_app_id,
                              const core::PageRequest& page);
// Every association of a host app, oldest first (pruning grants, counting before a delete).
std::vector<Association> all_of(core::Conn& c, const std::string& host_app_id);

}  // namespace cove::apps::association_repo

namespace cove::apps {
using association_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::apps
