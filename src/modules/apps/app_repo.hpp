#pragma once
// SQL for mini-programs. No business rules here. Functions that read or change one mini-program
// take its organisation as the tenancy scope, so no query can reach another organisation's row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/apps/app_model.hpp"

namespace cove::apps::app_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, App& a);

// The organisation owning a mini-program (for permission checks), nullopt when none.
std::optional<std::string> org_of(core::Conn& c, const std::string& app_id);
std::optional<App> find(core::Conn& c, const std::string& org_id, const std::string& app_id);
std::int64_t count_in_org(core::Conn& c, const std::string& org_id);

void insert(core::Tx& tx, const App& a);
// Writes the editable fields and updated_ms.
void update_fields(core::Tx& tx, const App& a);
void set_status(core::Tx& tx, const App& a);  // status, offline_by, offline_reason, updated_ms
void set_icon(core::Tx& tx, const App& a);
void set_certificate(core::Tx& tx, const App& a);
void set_released(core::Tx& tx, const std::string& org_id, const std::string& app_id,
                  const std::string& version_id, std::int64_t now_ms);
void remove(core::Tx& tx, const std::string& org_id, const std::string& app_id);

struct AppFilter {
  std::optional<std::string> org_id;  // nullopt only for the operators' platform-wide list
  std::optional<std::string> status;
  std::optional<std::string> category;
  std::string query;  // substring of the name or appId
};
// Newest first, at most page.limit + 1 rows (see core/page.hpp).
core::Page<App> list(core::Conn& c, const AppFilter& filter, const core::PageRequest& page);

// Whether any mini-program still uses a blob as its icon or certificate.
bool references_blob(core::Conn& c, const std::string& sha256);

}  // namespace cove::apps::app_repo

namespace cove::apps {
using app_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::apps
