#pragma once
// SQL for versions and their file lists. No business rules here; every function takes the
// organisation as the tenancy scope.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/apps/version_model.hpp"

namespace cove::apps::version_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Version& v);
void read_row(core::Row& r, VersionFile& f);

std::optional<Version> find(core::Conn& c, const std::string& org_id, const std::string& app_id,
                            const std::string& version);
std::optional<Version> find_by_id(core::Conn& c, const std::string& org_id, const std::string& version_id);
// The highest version ever uploaded (any status), for the strictly-increasing rule.
std::optional<Version> latest(core::Conn& c, const std::string& org_id, const std::string& app_id);
// Newest first, at most page.limit + 1 rows.
core::Page<Version> list(core::Conn& c, const std::string& org_id, const std::string& app_id,
                          const core::PageRequest& page);
std::vector<VersionFile> files(core::Conn& c, const std::string& org_id, const std::string& version_id);

void insert(core::Tx& tx, const Version& v, const std::vector<VersionFile>& files);
// Writes status, signature, released_ms, changelog, min_base_library and updated_ms.
void update(core::Tx& tx, const Version& v);
void remove(core::Tx& tx, const std::string& org_id, const std::string& version_id);

// Whether any version names this base library as its minimum.
bool uses_base_library(core::Conn& c, const std::string& version);
bool references_package(core::Conn& c, const std::string& sha256);

}  // namespace cove::apps::version_repo

namespace cove::apps {
using version_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::apps
