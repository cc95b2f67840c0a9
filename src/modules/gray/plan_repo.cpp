#include "modules/gray/plan_repo.hpp"

#include <fmt/format.h>

namespace cove::gray::plan_repo {

namespace {

nlohmann::json stored_steps(const std::vector<PlanStep>& steps) {
  auto out = nlohmann::json::array();
  for (const auto& s : steps) out.push_back({{"percentage", s.percentage}, {"atMs", s.at_ms}});
  return out;
}

}  // namespace

void read_row(core::Row& r, Plan& p) {
  nlohmann::json steps;
  r.read(p.id, p.org_id, p.app_id, p.version_id, p.version, p.name, p.rule, p.priority, steps, p.applied_steps,
         p.status, p.signature, p.created_by, p.created_ms, p.updated_ms, p.started_ms, p.ended_ms);
  for (const auto& s : steps) p.steps.push_back({s.at("percentage").get<int>(), s.at("atMs").get<std::int64_t>()});
}

namespace {
const std::string kColumns =
    "id, org_id, app_id, version_id, version, name, rule, priority, steps, applied_steps, status, signature, "
    "created_by, created_ms, updated_ms, started_ms, ended_ms";
const std::string kSelect = "SELECT " + kColumns + " FROM gray_plans ";
}  // namespace

std::optional<Plan> find(core::Conn& c, const std::string& org_id, const std::string& plan_id) {
  return c.query_one<Plan>(kSelect + "WHERE id = ? AND org_id = ?", plan_id, org_id);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& plan_id) {
  return c.query_one<std::string>("SELECT org_id FROM gray_plans WHERE id = ?", plan_id);
}

core::Page<Plan> list(core::Conn& c, const std::string& org_id, const std::string& app_id,
                      const std::optional<std::string>& status, const core::PageRequest& page) {
  return c.query_page<Plan>("SELECT " + kColumns,
                            "FROM gray_plans WHERE org_id = ?1 AND app_id = ?2 AND (?3 IS NULL OR status = ?3)",
                            core::newest_first_page_sql("", 4), page, org_id, app_id, status);
}

void insert(core::Tx& tx, const Plan& p) {
  tx.exec("INSERT INTO gray_plans(" + kColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p.id,
          p.org_id, p.app_id, p.version_id, p.version, p.name, p.rule, p.priority, stored_steps(p.steps),
          p.applied_steps, p.status, core::null_if_empty(p.signature), p.created_by, p.created_ms, p.updated_ms,
          core::null_if_zero(p.started_ms), core::null_if_zero(p.ended_ms));
}

void update(core::Tx& tx, const Plan& p) {
  tx.exec(
      "UPDATE gray_plans SET name = ?, rule = ?, priority = ?, steps = ?, applied_steps = ?, status = ?, "
      "signature = ?, updated_ms = ?, started_ms = ?, ended_ms = ? WHERE id = ? AND org_id = ?",
      p.name, p.rule, p.priority, stored_steps(p.steps), p.applied_steps, p.status, core::null_if_empty(p.signature),
      p.updated_ms, core::null_if_zero(p.started_ms), core::null_if_zero(p.ended_ms), p.id, p.org_id);
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& plan_id) {
  tx.exec("DELETE FROM gray_plans WHERE id = ? AND org_id = ?", plan_id, org_id);
}

std::int64_t count_live_in_org(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>(
      "SELECT count(*) FROM gray_plans WHERE org_id = ? AND status IN ('running', 'paused')", org_id);
}

std::optional<std::string> unfinished_for_version(core::Conn& c, const std::string& version_id) {
  return c.query_one<std::string>(
      "SELECT id FROM gray_plans WHERE version_id = ? AND status IN ('draft', 'running', 'paused') LIMIT 1",
      version_id);
}

std::vector<std::string> unfinished_using_list(core::Conn& c, const std::string& org_id,
                                               const std::string& list_id) {
  // List ids are unique random tokens, so finding the quoted id in the rule text is exact.
  return c.query_all<std::string>(
      "SELECT id FROM gray_plans WHERE org_id = ? AND status IN ('draft', 'running', 'paused') "
      "AND instr(rule, ?) > 0 ORDER BY id",
      org_id, fmt::format("\"{}\"", list_id));
}

std::vector<Plan> live_for_app(core::Conn& c, const std::string& app_id) {
  return c.query_all<Plan>(
      kSelect + "WHERE app_id = ? AND status IN ('running', 'paused') ORDER BY priority, created_ms, id", app_id);
}

std::vector<Plan> running(core::Conn& c) {
  return c.query_all<Plan>(kSelect + "WHERE status = 'running' ORDER BY priority, created_ms, id");
}

std::vector<Plan> running_with_pending_steps(core::Conn& c) {
  return c.query_all<Plan>(kSelect + "WHERE status = 'running' AND applied_steps < json_array_length(steps)");
}

}  // namespace cove::gray::plan_repo
