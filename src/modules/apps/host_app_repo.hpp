#pragma once
// SQL for host apps and their bundle ids. No business rules here. Functions that read or change
// one host app take its organisation as the tenancy scope; find_any (operators' routes) says so.
// The runtime reads these tables through apps_api.hpp (runtime_view.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/apps/host_app_model.hpp"

namespace cove::apps::host_app_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, HostApp& h);

std::optional<HostApp> find(core::Conn& c, const std::string& org_id, const std::string& host_app_id);
// Any organisation's host app: for operators' cross-organisation routes only.
std::optional<HostApp> find_any(core::Conn& c, const std::string& host_app_id);
// The organisation owning a host app (for permission checks), nullopt when none.
std::optional<std::string> org_of(core::Conn& c, const std::string& host_app_id);
std::int64_t count_in_org(core::Conn& c, const std::string& org_id);

// `sealed_secret` is the SDK secret sealed with the module's SealedBox, never the plain text.
void insert(core::Tx& tx, const HostApp& h, const std::string& sealed_secret);
// Writes name, status, custom APIs, menus and updated_ms.
void update(core::Tx& tx, const HostApp& h);
void replace_bundles(core::Tx& tx, const HostApp& h);
void set_secret(core::Tx& tx, const HostApp& h, const std::string& sealed_secret);
void remove(core::Tx& tx, const std::string& org_id, const std::string& host_app_id);

struct HostAppFilter {
  std::string org_id;
  std::optional<std::string> status;
  std::string query;  // substring of the name, or an exact id or sdkKey
};
// Newest first, at most page.limit + 1 rows (see core/page.hpp).
core::Page<HostApp> list(core::Conn& c, const HostAppFilter& filter, const core::PageRequest& page);

}  // namespace cove::apps::host_app_repo

namespace cove::apps {
using host_app_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::apps
