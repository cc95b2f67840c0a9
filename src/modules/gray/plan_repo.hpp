#pragma once
// SQL for gray plans. Every function takes the owning organisation, except the look-ups the
// runtime snapshot, the scheduler and the tenancy resolver need.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/gray/plan_model.hpp"

namespace cove::gray::plan_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, Plan& p);

std::optional<Plan> find(core::Conn& c, const std::string& org_id, const std::string& plan_id);
std::optional<std::string> org_of(core::Conn& c, const std::string& plan_id);
core::Page<Plan> list(core::Conn& c, const std::string& org_id, const std::string& app_id,
                       const std::optional<std::string>& status, const core::PageRequest& page);

void insert(core::Tx& tx, const Plan& p);
void update(core::Tx& tx, const Plan& p);
void remove(core::Tx& tx, const std::string& org_id, const std::string& plan_id);

// Running and paused plans of the organisation (the gray-plan quota counts these).
std::int64_t count_live_in_org(core::Conn& c, const std::string& org_id);
// The plan for this version that is not finished (draft, running or paused), if any.
std::optional<std::string> unfinished_for_version(core::Conn& c, const std::string& version_id);
// Plans that are not finished and name the list in their rule.
std::vector<std::string> unfinished_using_list(core::Conn& c, const std::string& org_id,
                                               const std::string& list_id);
// Running or paused plans of a mini-program.
std::vector<Plan> live_for_app(core::Conn& c, const std::string& app_id);
// Every running plan, in evaluation order (priority, then oldest first).
std::vector<Plan> running(core::Conn& c);
// Running plans with a step that has not taken effect yet.
std::vector<Plan> running_with_pending_steps(core::Conn& c);

}  // namespace cove::gray::plan_repo

namespace cove::gray {
using plan_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::gray
